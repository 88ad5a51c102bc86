using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers;
using PolicyOperator.Operator.Tests.Support;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary>
/// Pods, Services, EndpointSlices and Namespaces are watched: a change reaches the proposals it
/// concerns at once. The resync period is far longer than the waits, so only the watches can explain a new revision.
/// </summary>
public sealed class WatchTests
{
    private static readonly OperatorOptions LongResync = OperatorCluster.Options(GeneratorMode.Propose) with { ResyncPeriod = TimeSpan.FromHours(1) };
    private static readonly TimeSpan WellBeforeResync = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Relabelling_a_pod_gives_its_workload_a_new_revision_without_waiting_for_resync()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        // A bare pod reported without a selector: its selector comes from its labels in the cluster.
        var solo = new WorkloadReference { Kind = "Pod", Name = "solo", Namespace = "shop" };
        await cluster.Client.Pods.CreateAsync(Pod("solo", "solo-v1"), CancellationToken.None);
        await cluster.AddAsync(Traffic.Observed("solo-n1", solo, "n1", egress: [Traffic.To(Traffic.Deployment("shop", "api"), 8080)]));
        await using var replica = await cluster.StartReplicaAsync(LongResync);
        var first = await cluster.ProposalWhereAsync("solo-pod", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        first.Spec.Revision.Should().Be(1);
        PodSelector(first).Should().Be("solo-v1");

        await cluster.Client.Pods.PatchAsync("solo", "shop", """{"metadata":{"labels":{"app":"solo-v2"}}}""", CancellationToken.None);

        var second = await Eventually.ValueAsync(() => cluster.ProposalAsync("solo-pod"), p => p?.Spec.Revision == 2, "a new revision after the relabel", WellBeforeResync);
        PodSelector(second!).Should().Be("solo-v2");
    }

    [Fact]
    public async Task Changing_a_services_target_port_gives_its_clients_a_new_revision_with_the_new_port()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var cart = new ServicePeer { Name = "cart", Namespace = "shop", Selector = new Dictionary<string, string> { ["app"] = "cart" } };
        await cluster.Client.Services.CreateAsync(Service("cart", targetPort: 7070), CancellationToken.None);
        var toCart = Traffic.To(Traffic.Deployment("shop", "cart"), 7070) with { Peer = new TrafficPeer { Type = PeerType.Service, Service = cart }, ServicePort = 80 };
        await cluster.AddAsync(Traffic.Observed("web-n1", Traffic.Deployment("shop", "web"), "n1", egress: [toCart]));
        await using var replica = await cluster.StartReplicaAsync(LongResync);
        var first = await cluster.ProposalWhereAsync("web-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        EgressPorts(first).Should().Contain(7070);

        await cluster.Client.Services.PatchAsync("cart", "shop", """{"spec":{"ports":[{"port":80,"protocol":"TCP","targetPort":9090}]}}""", CancellationToken.None);

        var second = await Eventually.ValueAsync(() => cluster.ProposalAsync("web-deployment"), p => p?.Spec.Revision == 2, "a new revision after the target port changed", WellBeforeResync);
        EgressPorts(second!).Should().Contain(9090).And.NotContain(7070);
        await Eventually.ValueAsync(() => cluster.ProposalAsync("web-deployment"), p => p?.Spec.Revision == 2 && p.Status?.SafetyCheck?.Result == SafetyCheckResult.Passed, "the safety check replays the flow on the new target port too", WellBeforeResync);
    }

    [Fact]
    public async Task Labelling_a_namespace_reconciles_its_workloads_without_waiting_for_resync()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync(LongResync);
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        await cluster.Client.PolicyGenerators.CreateAsync(
            new PolicyGenerator
            {
                Metadata = new ObjectMeta { Name = "observe-quiet" },
                Spec = new PolicyGeneratorSpec { Mode = GeneratorMode.Propose, NamespaceSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "quiet" } } },
            },
            CancellationToken.None);
        await cluster.ProposalWhereAsync("api-deployment", p => p.Spec.Generator is null, "no generator matches shop yet");

        await cluster.Client.Namespaces.PatchAsync("shop", null, """{"metadata":{"labels":{"team":"quiet"}}}""", CancellationToken.None);

        await Eventually.ValueAsync(() => cluster.ProposalAsync("api-deployment"), p => p?.Spec.Generator == "observe-quiet", "the namespace's generator after the relabel", WellBeforeResync);
    }

    private static Pod Pod(string name, string app) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop", Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "example" }] },
    };

    private static Service Service(string name, int targetPort) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop" },
        Spec = new ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new ServicePort { Port = 80, Protocol = "TCP", TargetPort = targetPort }] },
    };

    private static string? PodSelector(NetworkPolicyProposal proposal) =>
        proposal.Spec.Policies.Single().Policy["spec"]!["podSelector"]!["matchLabels"]!["app"]?.GetValue<string>();

    private static IEnumerable<int> EgressPorts(NetworkPolicyProposal proposal) =>
        proposal.Spec.Policies.Single().Policy["spec"]!["egress"]!.AsArray()
            .SelectMany(rule => rule!["ports"]?.AsArray() ?? [])
            .Select(port => port!["port"]!.GetValue<int>());
}
