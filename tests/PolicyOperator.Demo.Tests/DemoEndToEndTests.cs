using System.Net;
using FluentAssertions;
using PolicyOperator.Api.Networking;
using PolicyOperator.Demo.Cleanup;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Demo.Tests;

/// <summary>
/// make demo end to end, shortened: the application in network namespaces, policyctl observe (the real
/// agent), generate, verify and graph; the policies it produces allow what the application did and
/// little else; nothing is left behind; a second run in the same place works.
/// </summary>
public sealed class DemoEndToEndTests : IDisposable
{
    private readonly DemoRunner _demo = new();

    public void Dispose() => _demo.Dispose();

    [PrivilegedFact]
    public async Task The_demo_generates_verified_least_privilege_policies_and_leaves_nothing_behind()
    {
        var first = await _demo.RunAsync(trafficSeconds: 5);

        first.ExitCode.Should().Be(0, first.Stdout + first.Stderr);
        first.Stdout.Should().MatchRegex(@"verify: [1-9]\d* flow\(s\): [1-9]\d* allowed, 0 denied, 0 not attributed");
        first.Stdout.Should().Contain("policyctl verify passed");
        await AssertNothingLeftAsync(first.Stdout);
        foreach (var file in new[] { "inventory.json", "observed.yaml", "evidence.yaml", "verify.txt", "summary.txt", "dependency-map.html", "dependency-map.mmd", "dependency-map.dot" })
        {
            File.Exists(Path.Combine(_demo.Output, file)).Should().BeTrue($"the demo writes {file}");
        }

        var (policies, index) = await ReadResultsAsync();
        var set = new PolicySet(policies);
        var frontend = Pod(index, "frontend", "frontend");
        var checkout = Pod(index, "shop", "checkout");
        var payment = Pod(index, "payments", "payment");
        var catalog = Pod(index, "shop", "productcatalog");
        var coredns = Pod(index, "kube-system", "coredns");
        var provider = FlowEndpoint.ForAddress(IPAddress.Parse("203.0.113.10"));

        // What the application did is allowed, on the ports the pods listen on (after DNAT).
        set.IsAllowed(new Flow(frontend, checkout, "TCP", 8085)).Should().BeTrue("frontend calls checkout, whose Service port 5050 targets 8085");
        set.IsAllowed(new Flow(checkout, catalog, "TCP", 8550)).Should().BeTrue("productcatalog's target port is the named port grpc (8550)");
        set.IsAllowed(new Flow(checkout, payment, "TCP", 9090)).Should().BeTrue();
        set.IsAllowed(new Flow(payment, provider, "TCP", 443)).Should().BeTrue("payment calls api.payments-provider.example");
        set.IsAllowed(new Flow(payment, coredns, "UDP", 53)).Should().BeTrue("DNS is allowed wherever egress is restricted");

        // What it did not do is denied.
        set.IsAllowed(new Flow(frontend, checkout, "TCP", 5050)).Should().BeFalse("the Service port is not what the CNI enforces");
        set.IsAllowed(new Flow(frontend, payment, "TCP", 9090)).Should().BeFalse("only checkout calls payment");
        set.IsAllowed(new Flow(checkout, provider, "TCP", 443)).Should().BeFalse("only payment calls the provider");
        set.IsAllowed(new Flow(payment, FlowEndpoint.ForAddress(IPAddress.Parse("203.0.113.11")), "TCP", 443)).Should().BeFalse("the egress rule is the provider's /32");

        // CoreDNS started before the recorder: its answers belong to the queries' flows, never traffic to the clients' ephemeral ports.
        policies.Where(p => p.Metadata.Name != "coredns-deployment").SelectMany(p => p.Spec.Ingress ?? []).SelectMany(r => r.Ports ?? [])
            .Should().OnlyContain(port => port.Protocol == "TCP", "only CoreDNS receives UDP (on 53)");
        policies.Single(p => p.Metadata.Name == "coredns-deployment").Spec.Egress.Should().BeNull("CoreDNS only answered");
        policies.SelectMany(p => p.Spec.Egress ?? []).SelectMany(r => r.To ?? []).Where(p => p.IpBlock is not null)
            .Select(p => p.IpBlock!.Cidr).Should().Equal(["203.0.113.10/32"], "pod addresses never go into ipBlocks; the provider is the only external peer");

        var summary = await File.ReadAllLinesAsync(Path.Combine(_demo.Output, "summary.txt"));
        summary.Should().Contain(l => l.Contains("| payments/payment ", StringComparison.Ordinal) && l.Contains("| 203.0.113.10/32 ", StringComparison.Ordinal)
            && l.Contains("api.payments-provider.example", StringComparison.Ordinal), "the summary lists the external endpoint by address and name");
        summary.Should().Contain(l => l.Contains("| shop/checkout (Deployment)", StringComparison.Ordinal) && l.Contains("shop/checkout-deployment.yaml", StringComparison.Ordinal));
        summary.Should().Contain(l => l.Contains("| frontend/frontend ", StringComparison.Ordinal) && l.Contains("| shop/checkout ", StringComparison.Ordinal) && l.Contains("TCP 8085", StringComparison.Ordinal),
            "the map's edges are listed with the enforced ports");

        var map = await File.ReadAllTextAsync(Path.Combine(_demo.Output, "dependency-map.mmd"));
        map.Should().Contain("api.payments-provider.example").And.Contain("TCP 8085");
        map.Split('\n').Count(l => l.Trim().EndsWith("[\"checkout\"]", StringComparison.Ordinal)).Should().Be(1, "checkout's Service and its Deployment are one node of the map");

        // Again, in the same place: the first run's files are replaced, and it passes as well.
        var second = await _demo.RunAsync(trafficSeconds: 5);

        second.ExitCode.Should().Be(0, second.Stdout + second.Stderr);
        second.Stdout.Should().Contain("nothing left behind");
        await AssertNothingLeftAsync(second.Stdout);
    }

    [PrivilegedFact]
    public async Task SIGTERM_while_observing_stops_the_demo_and_removes_everything()
    {
        using var demo = _demo.Start(trafficSeconds: 600);
        var output = new System.Text.StringBuilder();
        while (await demo.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.Contains("$ policyctl observe", StringComparison.Ordinal))
            {
                break;
            }
        }

        output.ToString().Should().Contain("$ policyctl observe", "the demo reaches the observation");
        await ProcessRunner.RunCheckedAsync("kill", ["-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        output.Append(await demo.StandardOutput.ReadToEndAsync());
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await demo.WaitForExitAsync(limit.Token);
        }

        demo.ExitCode.Should().Be(130, output.ToString());
        output.ToString().Should().Contain("cleanup: done, nothing left behind");
        await AssertNothingLeftAsync(output.ToString());
        Directory.GetFiles(_demo.Records).Should().BeEmpty("the run record goes once everything is removed");
        var observers = await ProcessRunner.RunAsync("pgrep", ["-f", $"observe .*{_demo.Output}"]);
        observers.Stdout.Should().BeEmpty("policyctl observe is stopped with the demo");
    }

    // The run's namespaces and its pods' cgroups (which cannot be removed while a process is in them) are gone.
    private async Task AssertNothingLeftAsync(string output)
    {
        var id = DemoRunner.ClusterId(output);
        (await LeftoverCleanup.NamespacesOfAsync(id, CancellationToken.None)).Should().BeEmpty($"cluster {id}'s namespaces are removed");
        var inventory = await new InventoryReader(new KubernetesDocumentReader()).ReadAsync([Path.Combine(_demo.Output, "inventory.json")], CancellationToken.None);
        var cgroupRoot = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).First(f => f.Length > 2 && f[2] == "cgroup2")[1];
        foreach (var pod in inventory.Inventory.Pods)
        {
            Directory.Exists(Path.Combine(cgroupRoot, "kubepods.slice", "kubepods-besteffort.slice", $"kubepods-besteffort-pod{pod.Metadata.Uid!.Replace('-', '_')}.slice"))
                .Should().BeFalse($"pod {pod.Metadata.Name}'s cgroup is removed");
        }
    }

    private async Task<(IReadOnlyList<NetworkPolicy> Policies, InventoryIndex Index)> ReadResultsAsync()
    {
        var documents = new KubernetesDocumentReader();
        var policies = await new NetworkPolicyReader(documents).ReadAsync([Path.Combine(_demo.Output, "policies")], CancellationToken.None);
        var inventory = await new InventoryReader(documents).ReadAsync([Path.Combine(_demo.Output, "inventory.json")], CancellationToken.None);
        return (policies.Policies, new InventoryIndex(inventory.Inventory));
    }

    private static FlowEndpoint Pod(InventoryIndex index, string ns, string workload) =>
        FlowEndpoint.ForPod(PodEndpoints.FromPod(index.PodsIn(ns).First(p => p.Metadata.Name!.StartsWith($"{workload}-", StringComparison.Ordinal)), index));
}
