using System.Text.RegularExpressions;
using FluentAssertions;
using PolicyOperator.Demo.Cleanup;
using PolicyOperator.Demo.Topology;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Demo.Tests;

/// <summary>The demo application in network namespaces: it talks as the topology says, and leaves nothing behind.</summary>
public sealed partial class DemoApplicationTests
{
    private static readonly ShopTopology Topology = ShopTopology.Default;

    [PrivilegedFact]
    public async Task Pods_reach_Services_by_name_on_the_Service_port_and_the_provider_by_its_external_name()
    {
        using var application = await StartAsync();
        var checkout = Pod(application, "checkout");
        var payment = Pod(application, "payment");

        var viaService = await EchoAsync(checkout, "payment.payments.svc.cluster.local:50051");
        var viaNamedPort = await EchoAsync(checkout, "productcatalog.shop.svc.cluster.local:3550");
        var external = await EchoAsync(payment, "api.payments-provider.example:443");
        var resolved = await payment.RunAsync(["getent", "ahostsv4", "api.payments-provider.example"]);

        viaService.Should().Be("ping", "payment's Service port 50051 is DNATed to its echo server on 9090");
        viaNamedPort.Should().Be("ping", "productcatalog's target port is named grpc (8550)");
        external.Should().Be("ping");
        resolved.Stdout.Should().Contain(Topology.External.Address.ToString());
    }

    [PrivilegedFact]
    public async Task The_traffic_loops_reach_every_Service()
    {
        using var application = await StartAsync();

        application.StartTraffic(TimeSpan.FromMilliseconds(200));

        // The kube-proxy stand-in counts the packets each ClusterIP rule rewrote; wait until every Service has some.
        var silent = Topology.Services.Select(s => application.ClusterIPOf(s).ToString()).ToHashSet();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); silent.Count > 0 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var rules = await application.Cluster.InSwitchAsync(CancellationToken.None, "iptables", "-t", "nat", "-L", "PREROUTING", "-n", "-v", "-x");
            foreach (Match rule in DnatRule().Matches(rules))
            {
                if (long.Parse(rule.Groups["packets"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    silent.Remove(rule.Groups["ip"].Value);
                }
            }
        }

        silent.Should().BeEmpty("every Service is called by some workload (kube-dns by every caller)");
    }

    [PrivilegedFact]
    public async Task Disposing_removes_every_namespace_and_cgroup_and_stops_the_processes()
    {
        var application = await StartAsync();
        application.StartTraffic(TimeSpan.FromMilliseconds(200));
        var cgroups = application.CgroupPaths.ToList();
        var id = application.Cluster.Id;

        application.Dispose();

        (await LeftoverCleanup.NamespacesOfAsync(id, CancellationToken.None)).Should().BeEmpty();
        cgroups.Should().HaveCount(Topology.Workloads.Sum(w => w.Replicas) + 1).And.OnlyContain(c => !Directory.Exists(c));
        Directory.EnumerateDirectories("/etc/netns").Should().NotContain(d => Path.GetFileName(d).StartsWith(NetnsCluster.NetnsNamePrefix(id), StringComparison.Ordinal));
    }

    [PrivilegedFact]
    public async Task The_next_run_removes_what_a_killed_run_left_behind()
    {
        var records = Path.Combine(Path.GetTempPath(), $"demo-records-{Guid.NewGuid():N}");
        var id = NetnsCluster.NewId();
        // A run that was killed: its record names an owner that no longer runs, and nothing was disposed.
        using (var record = RunRecord.Create(records, id, new ProcessIdentity(int.MaxValue, 0)))
        {
            var abandoned = await DemoApplication.StartAsync(Topology, id, pod => record.AddCgroup(pod.CgroupPath), _ => { }, CancellationToken.None);
            abandoned.StartTraffic(TimeSpan.FromMilliseconds(200));
        }

        var cgroups = RunRecord.Read(Path.Combine(records, $"{id}.run")).Cgroups;
        try
        {
            var removed = await LeftoverCleanup.RemoveAsync(records, CancellationToken.None);

            removed.Should().Contain($"network namespace {NetnsCluster.NetnsNamePrefix(id)}sw");
            (await LeftoverCleanup.NamespacesOfAsync(id, CancellationToken.None)).Should().BeEmpty();
            cgroups.Should().HaveCount(Topology.Workloads.Sum(w => w.Replicas) + 1).And.OnlyContain(c => !Directory.Exists(c));
            Directory.GetFiles(records).Should().BeEmpty("the record goes once everything in it is removed");
        }
        finally
        {
            Directory.Delete(records, recursive: true);
        }
    }

    [PrivilegedFact]
    public async Task A_record_whose_run_is_still_going_is_left_alone()
    {
        var records = Path.Combine(Path.GetTempPath(), $"demo-records-{Guid.NewGuid():N}");
        try
        {
            using (RunRecord.Create(records, NetnsCluster.NewId()))
            {
            }

            var removed = await LeftoverCleanup.RemoveAsync(records, CancellationToken.None);

            removed.Should().BeEmpty();
            Directory.GetFiles(records).Should().ContainSingle("this process, its owner, still runs");
        }
        finally
        {
            Directory.Delete(records, recursive: true);
        }
    }

    private static Task<DemoApplication> StartAsync() =>
        DemoApplication.StartAsync(Topology, NetnsCluster.NewId(), _ => { }, _ => { }, CancellationToken.None);

    private static Pod Pod(DemoApplication application, string workload) =>
        application.PodOf(application.Pods.First(p => p.Workload.Name == workload));

    private static async Task<string> EchoAsync(Pod client, string target)
    {
        var result = await client.RunAsync(["sh", "-c", "echo ping | socat -T 5 - \"TCP:$1\"", "sh", target]);
        return result.Stdout.Trim();
    }

    [GeneratedRegex(@"^\s*(?<packets>\d+)\s+\d+\s+DNAT\s.*?\s(?<ip>10\.214\.\d+\.\d+)\s", RegexOptions.Multiline)]
    private static partial Regex DnatRule();
}
