using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 8 and the policy shape: policyTypes from evidence, explicit protocol, canonical order, stable bytes.</summary>
public sealed class CanonicalOutputRuleTests
{
    private static readonly WorkloadReference Web = Workload("shop", "web");

    private static List<ObservedTraffic> Sample(int connections = 1, int minutes = 0) =>
    [
        Observed(Web, ingress: [Entry(ToWorkload(Workload("shop", "lb")), 8080, connections: connections, minutes: minutes)], node: "node-a"),
        Observed(Web, egress: [Entry(ToExternal("203.0.113.7", "api.example.com"), 443, connections: connections, minutes: minutes), Entry(ToWorkload(Workload("data", "db")), 5432, minutes: minutes)], node: "node-b"),
        Observed(Web, egress: [Entry(ToWorkload(Workload("data", "cache")), 6379, "udp", connections: connections), Entry(ToWorkload(Workload("data", "db")), 5432, connections: 3)], node: "node-c"),
        Observed(Workload("shop", "lb"), egress: [Entry(ToWorkload(Web), 8080, connections: connections)], node: "node-a"),
    ];

    [Theory]
    [InlineData(true, false, PolicyTypesMode.Evidence, new[] { "Ingress" })]
    [InlineData(false, true, PolicyTypesMode.Evidence, new[] { "Egress" })]
    [InlineData(true, true, PolicyTypesMode.Evidence, new[] { "Ingress", "Egress" })]
    [InlineData(true, false, PolicyTypesMode.Both, new[] { "Ingress", "Egress" })]
    [InlineData(false, true, PolicyTypesMode.Both, new[] { "Ingress", "Egress" })]
    public void Policy_types_cover_only_directions_with_evidence_unless_configured(bool ingress, bool egress, PolicyTypesMode mode, string[] expected)
    {
        var traffic = Observed(Web,
            ingress: ingress ? [Entry(ToWorkload(Workload("shop", "lb")), 80)] : [],
            egress: egress ? [Entry(ToExternal("203.0.113.7"), 443)] : []);

        var policy = Synth.Run([traffic], options: new SynthesisOptions { PolicyTypes = mode }).Policies.Should1().Policy;

        policy.Spec.PolicyTypes.Should().Equal(expected);
        (policy.Spec.Egress is not null).Should().Be(expected.Contains("Egress"), "a restricted egress always carries at least the DNS rule");
    }

    [Fact]
    public void Protocol_is_always_explicit_and_upper_case()
    {
        var policy = Synth.Single(Observed(Web, ingress: [Entry(ToWorkload(Workload("shop", "lb")), 80, "tcp"), Entry(ToWorkload(Workload("shop", "lb")), 5000, "sctp")]));

        policy.Spec.Ingress!.SelectMany(r => r.Ports!).Select(p => p.Protocol).Should().Equal("SCTP", "TCP");
    }

    [Theory]
    [InlineData("ICMP", 0)]
    [InlineData("TCP", 0)]
    [InlineData("TCP", 70000)]
    public void Entries_a_network_policy_cannot_express_are_reported(string protocol, int port)
    {
        var result = Synth.Run([Observed(Web, ingress: [Entry(ToWorkload(Workload("shop", "lb")), port, protocol), Entry(ToWorkload(Workload("shop", "lb")), 80)])]);

        result.Findings.Should().ContainSingle(f => f.Subject.Contains($"{protocol}/{port}", StringComparison.Ordinal));
        Synth.Ingress(result.Policies.Should1().Policy).Should().Equal("ns[kubernetes.io/metadata.name=shop] pods[app=lb] TCP/80");
    }

    [Fact]
    public void Observations_from_several_nodes_merge_into_one_policy_per_workload_with_deterministic_names()
    {
        var result = Synth.Run(Sample());

        result.Policies.Select(p => $"{p.Policy.Metadata.Namespace}/{p.Policy.Metadata.Name}").Should().Equal("shop/lb-deployment", "shop/web-deployment");
        var web = result.Policies[1].Policy;
        Synth.Ingress(web).Should().Equal("ns[kubernetes.io/metadata.name=shop] pods[app=lb] TCP/8080");
        Synth.NonDnsEgress(web).SelectMany(r => r.To!).Select(Synth.PeerText).Should().Equal(
            "ns[kubernetes.io/metadata.name=data] pods[app=cache]",
            "ns[kubernetes.io/metadata.name=data] pods[app=db]",
            "203.0.113.7/32");
    }

    [Fact]
    public void Peers_with_the_same_ports_share_one_rule()
    {
        var traffic = Observed(Web, ingress: [Entry(ToWorkload(Workload("shop", "b")), 80), Entry(ToWorkload(Workload("shop", "a")), 80), Entry(ToWorkload(Workload("shop", "c")), 81)]);

        var ingress = Synth.Single(traffic).Spec.Ingress!;

        ingress.Should().HaveCount(2);
        ingress[0].From!.Select(Synth.PeerText).Should().Equal("ns[kubernetes.io/metadata.name=shop] pods[app=a]", "ns[kubernetes.io/metadata.name=shop] pods[app=b]");
        ingress[1].Ports!.Single().Port!.Value.Number.Should().Be(81);
    }

    [Fact]
    public void Same_traffic_in_any_order_gives_the_same_bytes()
    {
        var sample = Sample();
        var expected = Synth.Run(sample).Policies.Select(p => Synth.Json(p.Policy)).ToList();

        for (var seed = 1; seed <= 5; seed++)
        {
            var random = new Random(seed);
            var shuffled = sample
                .Select(t => t with { Spec = t.Spec with { Egress = [.. t.Spec.Egress.OrderBy(_ => random.Next())] } })
                .OrderBy(_ => random.Next()).ToList();
            Synth.Run(shuffled).Policies.Select(p => Synth.Json(p.Policy)).Should().Equal(expected, $"seed {seed}");
        }
    }

    [Fact]
    public void Only_counts_and_times_changing_leaves_the_policy_bytes_alone_but_updates_the_evidence()
    {
        var before = Synth.Run(Sample(connections: 1, minutes: 0)).Policies[1];
        var after = Synth.Run(Sample(connections: 500, minutes: 90)).Policies[1];

        Synth.Json(after.Policy).Should().Be(Synth.Json(before.Policy));
        var evidenceBefore = before.Evidence.Single(e => e.Port == 443);
        var evidenceAfter = after.Evidence.Single(e => e.Port == 443);
        evidenceBefore.Connections.Should().Be(1);
        evidenceAfter.Connections.Should().Be(500);
        evidenceAfter.FirstSeen.Should().Be(T0.AddMinutes(90));
        evidenceAfter.DnsNames.Should().Equal("api.example.com");
        evidenceAfter.Processes.Should().Equal("app");
    }

    [Fact]
    public void Evidence_sums_the_nodes_that_saw_the_same_peer_and_port()
    {
        var evidence = Synth.Run(Sample()).Policies[1].Evidence.Single(e => e.Port == 5432);

        evidence.Connections.Should().Be(4);
        evidence.Nodes.Should().Equal("node-b", "node-c");
        evidence.ObservedPeers.Should().Equal("data/db[Deployment]");
    }

    [Theory]
    [InlineData("web", "Deployment", "web-deployment")]
    [InlineData("db", "StatefulSet", "db-statefulset")]
    [InlineData("Report_Job", "CronJob", "report-job-cronjob")]
    public void Policy_names_are_the_workload_name_and_kind(string name, string kind, string expected) =>
        PolicyNaming.PolicyName(Workload("shop", name, kind)).Should().Be(expected);

    [Fact]
    public void Very_long_names_are_cut_with_a_hash_that_keeps_them_distinct()
    {
        var a = PolicyNaming.PolicyName(Workload("shop", new string('a', 300) + "x"));
        var b = PolicyNaming.PolicyName(Workload("shop", new string('a', 300) + "y"));

        a.Length.Should().BeLessThanOrEqualTo(253);
        a.Should().NotBe(b);
    }
}
