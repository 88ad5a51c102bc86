using FluentAssertions;
using PolicyOperator.Cli;
using Xunit;

namespace PolicyOperator.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private const string Inventory = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {kubernetes.io/metadata.name: shop}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          labels: {app: web}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f8, uid: u1, controller: true}]
        spec: {nodeName: node-1, containers: [{name: web}]}
        status: {podIP: 10.0.0.10}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db-0
          namespace: shop
          labels: {app: db}
          ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u2, controller: true}]
        spec: {nodeName: node-2, containers: [{name: db, ports: [{name: pg, containerPort: 5432}]}]}
        status: {podIP: 10.0.0.20}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-2}
        status: {addresses: [{type: InternalIP, address: 192.0.2.2}]}
        """;

    private const string Policies = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: pg}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Egress]
          egress:
          - to: [{podSelector: {matchLabels: {app: db}}}]
          - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
            ports: [{port: 443}]
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Verify_exits_zero_when_every_observed_flow_is_allowed()
    {
        var traffic = _files.Write("traffic.yaml", Traffic(
            Entry("{type: Service, service: {name: db, namespace: shop, selector: {app: db}}}", 5432),
            Entry("{type: External, external: {cidr: 203.0.113.9/32}}", 443)));

        var (exit, stdout, stderr) = await RunAsync("verify", "--policies", Write("p.yaml", Policies), "--traffic", traffic, "--inventory", Write("inv.yaml", Inventory));

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        stdout.Should().Contain("2 flow(s): 2 allowed, 0 denied, 0 not attributed");
    }

    [Fact]
    public async Task Verify_exits_one_with_a_table_naming_the_side_that_denied()
    {
        var traffic = _files.Write("traffic.yaml", Traffic(
            Entry("{type: Workload, workload: {kind: StatefulSet, name: db, namespace: shop}}", 5433),
            Entry("{type: External, external: {cidr: 198.51.100.1/32}}", 443)));

        var (exit, stdout, _) = await RunAsync("verify", "-p", Write("p.yaml", Policies), "-t", traffic, "-i", Write("inv.yaml", Inventory));

        exit.Should().Be(PolicyCtl.ExitFindings);
        var lines = stdout.Split('\n');
        lines.Should().Contain(l => l.StartsWith("shop/web[Deployment]", StringComparison.Ordinal)
            && l.Contains("shop/db[StatefulSet]", StringComparison.Ordinal) && l.Contains("TCP 5433", StringComparison.Ordinal)
            && l.Contains("destination ingress", StringComparison.Ordinal) && l.Contains("shop/web-node-1 spec.egress[0]", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("198.51.100.1[External]", StringComparison.Ordinal) && l.Contains("source egress", StringComparison.Ordinal));
        stdout.Should().Contain("2 flow(s): 0 allowed, 2 denied");
    }

    [Fact]
    public async Task Ingress_from_the_pods_own_node_is_allowed_unless_disabled()
    {
        var traffic = _files.Write("traffic.yaml", """
            apiVersion: policyoperator.io/v1alpha1
            kind: ObservedTraffic
            metadata: {name: db-node-2, namespace: shop}
            spec:
              node: node-2
              workload: {kind: StatefulSet, name: db, namespace: shop}
              window: {start: "2026-01-01T00:00:00Z", end: "2026-01-01T01:00:00Z"}
              ingress:
              - peer: {type: Node, node: {name: node-2, isLocal: true}}
                protocol: TCP
                port: 8080
                firstSeen: "2026-01-01T00:00:00Z"
                lastSeen: "2026-01-01T00:00:00Z"
            """);
        string[] args = ["verify", "-p", Write("p.yaml", Policies), "-t", traffic, "-i", Write("inv.yaml", Inventory)];

        (await RunAsync(args)).Exit.Should().Be(PolicyCtl.ExitOk);
        (await RunAsync([.. args, "--no-own-node"])).Exit.Should().Be(PolicyCtl.ExitFindings);
    }

    [Fact]
    public async Task Entries_that_cannot_be_attributed_are_reported_not_dropped()
    {
        var traffic = _files.Write("traffic.yaml", Traffic(
            Entry("{type: Workload, workload: {kind: Deployment, name: ghost, namespace: shop}}", 80)));

        var (exit, stdout, _) = await RunAsync("verify", "-p", Write("p.yaml", Policies), "-t", traffic, "-i", Write("inv.yaml", Inventory));

        exit.Should().Be(PolicyCtl.ExitFindings);
        stdout.Should().Contain("shop/web-node-1 spec.egress[0]: peer workload shop/ghost[Deployment] has no pod in the inventory and no labels");
        stdout.Should().Contain("0 flow(s): 0 allowed, 0 denied, 1 not attributed");
    }

    [Fact]
    public async Task Bad_traffic_is_exit_two_naming_file_and_line()
    {
        var traffic = _files.Write("traffic.yaml", Traffic(Entry("{type: External, external: {cidr: 203.0.113.9/32}}", 443))
            .Replace("port: 443", "port: https", StringComparison.Ordinal));

        var (exit, _, stderr) = await RunAsync("verify", "-p", Write("p.yaml", Policies), "-t", traffic);

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.Should().Contain("traffic.yaml:15").And.Contain("spec.egress[0].port");
    }

    private string Write(string name, string content) => _files.Write(name, content);

    private static string Traffic(params string[] entries) => $$$"""
        apiVersion: policyoperator.io/v1alpha1
        kind: ObservedTraffic
        metadata: {name: web-node-1, namespace: shop}
        spec:
          node: node-1
          workload:
            kind: Deployment
            name: web
            namespace: shop
            selector: {matchLabels: {app: web} }
          window: {start: "2026-01-01T00:00:00Z", end: "2026-01-01T01:00:00Z"}
          egress:
        {{{string.Concat(entries)}}}
        """;

    private static string Entry(string peer, int port) => $"""
          - peer: {peer}
            protocol: TCP
            port: {port}
            firstSeen: "2026-01-01T00:00:00Z"
            lastSeen: "2026-01-01T00:00:00Z"
        """ + "\n";

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await PolicyCtl.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
