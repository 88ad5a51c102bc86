using System.Globalization;
using PolicyOperator.Api.Networking;
using PolicyOperator.Cli;
using PolicyOperator.Demo.Cleanup;
using PolicyOperator.Demo.Inventory;
using PolicyOperator.Demo.Output;
using PolicyOperator.Demo.Pipeline;
using PolicyOperator.Demo.Topology;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing.Netns;

namespace PolicyOperator.Demo;

/// <summary>
/// The demo from start to end: remove leftovers of killed runs, start the application in network
/// namespaces, observe it with <c>policyctl observe</c> while it talks, tear it down, then
/// <c>policyctl generate</c>, <c>verify</c> and <c>graph</c>, and summarise. Cancelling (Ctrl-C,
/// SIGTERM) stops at once and still removes everything the run created.
/// </summary>
internal sealed class DemoRun(DemoOptions options, DemoConsole console, bool terminal)
{
    /// <summary>How many numbered steps the demo prints.</summary>
    public const int Steps = 7;

    // Every pod calls its dependencies, then pauses this long: a few connections per second per edge.
    private static readonly TimeSpan CallPause = TimeSpan.FromMilliseconds(500);

    private readonly DemoFiles _files = new(options.OutputDirectory);
    private readonly Policyctl _policyctl = new(options.Policyctl, console);

    /// <summary>Runs the demo; returns 0 when the generated policies allow every observed flow, 1 otherwise.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var topology = ShopTopology.Default;
        console.Line("PolicyOperator demo: observe a small Online Boutique in network namespaces, turn what it does into NetworkPolicies, verify them.");

        console.Step("Removing what an interrupted earlier run left behind");
        var removed = await LeftoverCleanup.RemoveAsync(options.RunRecordDirectory, cancellationToken);
        console.Detail(removed.Count == 0 ? "nothing left behind" : $"removed {removed.Count}: {string.Join(", ", removed)}");
        _files.Reset();

        await ObserveApplicationAsync(topology, cancellationToken);

        console.Step("Generating NetworkPolicies from the observed traffic");
        var generated = await _policyctl.RunAsync(
            ["generate", "--traffic", Show(_files.Observed), "--inventory", Show(_files.Inventory), "--out", Show(_files.Policies), "--evidence", Show(_files.Evidence)],
            cancellationToken);
        Require(generated, "policyctl generate");
        var policies = await ReadPoliciesAsync(cancellationToken);
        foreach (var (_, file) in policies)
        {
            console.Detail(Show(file));
        }

        console.Step("Verifying the policies against every observed flow");
        var verified = await _policyctl.RunAsync(
            ["verify", "--policies", Show(_files.Policies), "--traffic", Show(_files.Observed), "--inventory", Show(_files.Inventory)],
            cancellationToken);
        await File.WriteAllTextAsync(_files.Verification, verified.Stdout, cancellationToken);
        foreach (var line in verified.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            console.Detail(line);
        }

        if (verified.ExitCode is not (PolicyCtl.ExitOk or PolicyCtl.ExitFindings))
        {
            Require(verified, "policyctl verify");
        }

        console.Step("Drawing the dependency map");
        foreach (var map in new[] { _files.MapHtml, _files.MapMermaid, _files.MapDot })
        {
            var drawn = await _policyctl.RunAsync(
                ["graph", "--traffic", Show(_files.Observed), "--inventory", Show(_files.Inventory), "--policies", Show(_files.Policies), "--out", Show(map)],
                cancellationToken);
            Require(drawn, "policyctl graph");
        }

        await ShowSummaryAsync(policies, cancellationToken);
        var passed = verified.ExitCode == PolicyCtl.ExitOk;
        console.Line(passed
            ? "Result: the generated policies allow every flow the application made (policyctl verify passed)."
            : "Result: policyctl verify found observed flows the generated policies deny (see above).");
        console.Line($"Everything is in {Show(_files.Directory)}/: inventory.json, observed.yaml, policies/, evidence.yaml, verify.txt, summary.txt,");
        console.Line($"  and the dependency map: {Show(_files.MapHtml)} (open in a browser), {Show(_files.MapMermaid)}, {Show(_files.MapDot)}.");
        return passed ? PolicyCtl.ExitOk : PolicyCtl.ExitFindings;
    }

    private async Task ObserveApplicationAsync(ShopTopology topology, CancellationToken cancellationToken)
    {
        var podCount = topology.Workloads.Sum(w => w.Replicas);
        console.Step($"Starting the application: {topology.Namespaces.Count} namespaces, {topology.Workloads.Count} workloads, {podCount} pods, {topology.Services.Count} Services (network namespaces, no cluster)");
        var clusterId = NetnsCluster.NewId();
        using var record = RunRecord.Create(options.RunRecordDirectory, clusterId);
        DemoApplication? application = null;
        var removed = false;
        try
        {
            application = await DemoApplication.StartAsync(topology, clusterId, pod => record.AddCgroup(pod.CgroupPath), console.Detail, cancellationToken);
            var inventory = DemoInventory.Build(topology, application.Pods, application.ClusterIPOf, application.Cluster.NodeIPv4);
            await InventoryFile.WriteAsync(_files.Inventory, inventory, cancellationToken);
            console.Detail($"inventory (what kubectl get ... -o json would print): {Show(_files.Inventory)}; {topology.External.DnsName} is not in it");

            var seconds = (int)Math.Ceiling(options.TrafficDuration.TotalSeconds);
            console.Step($"Observing for {seconds} s with the agent in standalone mode while every pod calls its dependencies");
            application.StartTraffic(CallPause);
            var observed = await _policyctl.RunAsync(
                ["observe", "--duration", string.Create(CultureInfo.InvariantCulture, $"{seconds}s"), "--interval", "2s", "--inventory", Show(_files.Inventory), "--out", Show(_files.Observed)],
                cancellationToken,
                process => record.AddProcess(ProcessIdentity.Of(process.Id) ?? new ProcessIdentity(process.Id, 0)));
            application.StopTraffic();
            Require(observed, "policyctl observe");
            if (observed.Stderr.Contains("not in the inventory", StringComparison.Ordinal))
            {
                console.Detail($"(the one pod the inventory leaves out is the server of {topology.External.DnsName}: it is outside the cluster, on purpose)");
            }

            console.Step("Stopping the application: processes, cgroups, network namespaces");
            application.Dispose();
            removed = true;
            console.Detail($"removed {podCount + 1} pods and the node namespace of cluster {clusterId}");
        }
        finally
        {
            removed = removed || await RemoveAfterFailureAsync(application, clusterId, cancellationToken.IsCancellationRequested);
            if (removed)
            {
                record.Complete();
            }
        }
    }

    // On failure or interruption the application may be half built: remove it, then check that nothing of the cluster is left.
    private async Task<bool> RemoveAfterFailureAsync(DemoApplication? application, string clusterId, bool interrupted)
    {
        console.Line(interrupted ? "Interrupted: removing the application's processes, cgroups and network namespaces ..." : "Removing the application ...");
        try
        {
            application?.Dispose();
        }
        catch (InvalidOperationException e)
        {
            console.Line($"cleanup: {e.Message}");
        }

        var left = await LeftoverCleanup.NamespacesOfAsync(clusterId, CancellationToken.None);
        if (left.Count > 0)
        {
            console.Line($"cleanup: {left.Count} network namespace(s) remain ({string.Join(", ", left)}); the next run removes them");
            return false;
        }

        console.Line("cleanup: done, nothing left behind");
        return true;
    }

    private async Task<IReadOnlyList<(NetworkPolicy Policy, string File)>> ReadPoliciesAsync(CancellationToken cancellationToken)
    {
        var read = await new NetworkPolicyReader(new KubernetesDocumentReader()).ReadAsync([_files.Policies], cancellationToken);
        return read.Policies
            .Select(p => (p, Path.Combine(_files.Policies, p.Metadata.Namespace ?? "default", $"{p.Metadata.Name}.yaml")))
            .OrderBy(p => p.Item2, StringComparer.Ordinal)
            .ToList();
    }

    private async Task ShowSummaryAsync(IReadOnlyList<(NetworkPolicy Policy, string File)> policies, CancellationToken cancellationToken)
    {
        var documents = new KubernetesDocumentReader();
        var inventory = new InventoryIndex((await new InventoryReader(documents).ReadAsync([_files.Inventory], cancellationToken)).Inventory);
        var traffic = await new TrafficReader(inventory).ReadAsync([_files.Observed], cancellationToken);
        var summary = DemoSummary.Create(ServiceBackends.Resolve(traffic.Traffic, inventory), policies.Select(p => (p.Policy, Path.GetRelativePath(_files.Policies, p.File))).ToList());
        console.Line();
        console.Line($"Summary (policy files are under {Show(_files.Policies)}/):");
        SummaryRenderer.Write(console.Output, summary.Tables, terminal);
        await using var file = new StreamWriter(_files.Summary);
        SummaryRenderer.Write(file, summary.Tables, terminal: false);
    }

    private static void Require(Testing.CommandResult result, string what)
    {
        if (result.ExitCode != PolicyCtl.ExitOk)
        {
            throw new DemoFailedException($"{what} exited {result.ExitCode}{(result.Stderr.Length > 0 ? string.Empty : $": {result.Stdout.Trim()}")}");
        }
    }

    private static string Show(string path) => DemoFiles.Show(path);
}
