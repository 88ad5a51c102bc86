using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>A connection seen on one side only must be allowed by both sides' policies (design rule 9).</summary>
public sealed class OneSidedObservationTests
{
    [Fact]
    public void Egress_seen_at_the_client_becomes_ingress_of_an_observed_server()
    {
        var web = Workload("shop", "web");
        var db = Workload("data", "db");
        var traffic = new[]
        {
            Observed(web, egress: [Entry(ToWorkload(db), 5432, connections: 7)], node: "node-a"),
            Observed(db, ingress: [Entry(ToWorkload(Workload("data", "backup")), 5432)], node: "node-b"),
        };

        var result = Synth.Run(traffic);

        var dbPolicy = result.Policies.Single(p => p.Workload.Name == "db");
        Synth.Ingress(dbPolicy.Policy).Should().BeEquivalentTo(
            "ns[kubernetes.io/metadata.name=data] pods[app=backup] TCP/5432",
            "ns[kubernetes.io/metadata.name=shop] pods[app=web] TCP/5432");
        dbPolicy.Evidence.Single(e => e.Peer.Contains("app=web", StringComparison.Ordinal)).Should().Match<RuleEvidence>(e => e.Connections == 7 && e.Nodes.Single() == "node-a");
    }

    [Fact]
    public void Ingress_seen_at_the_server_becomes_egress_of_an_observed_client_matched_by_selector()
    {
        var api = Workload("shop", "api");
        var clientSeenByLabels = Workload("shop", "frontend", kind: "Unknown", selector: Labels(("app", "frontend")));
        var frontend = Workload("shop", "frontend-v2", selector: Labels(("app", "frontend")));
        var traffic = new[]
        {
            Observed(api, ingress: [Entry(ToWorkload(clientSeenByLabels), 8080)]),
            Observed(frontend, egress: [Entry(ToExternal("203.0.113.7"), 443)]),
        };

        var frontendPolicy = Synth.Run(traffic).Policies.Single(p => p.Workload.Name == "frontend-v2").Policy;

        Synth.NonDnsEgress(frontendPolicy).SelectMany(r => r.To!).Select(Synth.PeerText).Should().BeEquivalentTo(
            "ns[kubernetes.io/metadata.name=shop] pods[app=api]", "203.0.113.7/32");
    }

    [Fact]
    public void A_peer_that_was_not_observed_itself_gets_no_policy_from_what_others_saw()
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToWorkload(Workload("data", "db")), 5432)]);

        Synth.Run([traffic]).Policies.Select(p => p.Workload.Name).Should().Equal("web");
    }

    [Fact]
    public void What_a_workload_saw_itself_is_not_counted_twice()
    {
        var web = Workload("shop", "web");
        var db = Workload("data", "db");
        var traffic = new[]
        {
            Observed(web, egress: [Entry(ToWorkload(db), 5432, connections: 3)]),
            Observed(db, ingress: [Entry(ToWorkload(web), 5432, connections: 3)]),
        };

        var evidence = Synth.Run(traffic).Policies.Single(p => p.Workload.Name == "db").Evidence.Single(e => e.Port == 5432);

        evidence.Connections.Should().Be(3);
    }
}
