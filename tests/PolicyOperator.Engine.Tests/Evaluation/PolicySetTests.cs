using System.Net;
using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Ingest.Documents;
using Xunit;
using static PolicyOperator.Engine.Tests.Evaluation.EvaluationFixtures;

namespace PolicyOperator.Engine.Tests.Evaluation;

public sealed class PolicySetTests
{
    private static readonly FlowEndpoint Web = Pod("shop", "app=web");
    private static readonly FlowEndpoint Db = Pod("shop", "app=db", ports: new NamedPort("postgres", "TCP", 5432));
    private static readonly FlowEndpoint Other = Pod("other", "app=web");

    private const string DenyAllIngressForDb = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-deny, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
        """;

    [Fact]
    public void A_pod_no_policy_selects_is_not_isolated()
    {
        var verdict = Policies(DenyAllIngressForDb).Evaluate(Tcp(Db, Web, 80));

        verdict.Allowed.Should().BeTrue();
        verdict.EgressIsolated.Should().BeFalse();
        verdict.IngressIsolated.Should().BeFalse();
    }

    [Fact]
    public void A_policy_without_rules_and_types_isolates_ingress_only()
    {
        var policies = Policies(DenyAllIngressForDb);

        var toDb = policies.Evaluate(Tcp(Web, Db, 5432));
        var fromDb = policies.Evaluate(Tcp(Db, Web, 80));

        toDb.Allowed.Should().BeFalse();
        toDb.DeniedBy.Should().Be(IsolatingSide.Ingress);
        fromDb.Allowed.Should().BeTrue("policyTypes defaults to Ingress only when there are no egress rules");
    }

    [Fact]
    public void Egress_rules_without_policy_types_isolate_egress_too()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-egress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              egress:
              - to: [{podSelector: {matchLabels: {app: db}}}]
            """);

        policies.Evaluate(Tcp(Web, Db, 5432)).Allowed.Should().BeTrue();
        var toOther = policies.Evaluate(Tcp(Web, Other, 80));
        toOther.Allowed.Should().BeFalse();
        toOther.DeniedBy.Should().Be(IsolatingSide.Egress);
        policies.Evaluate(Tcp(Db, Web, 80)).IngressIsolated.Should().BeTrue("Ingress is always among the defaulted policy types");
    }

    [Fact]
    public void Egress_only_policy_type_leaves_ingress_open()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-egress, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
            """);

        policies.Evaluate(Tcp(Other, Web, 80)).Allowed.Should().BeTrue();
        policies.Evaluate(Tcp(Web, Other, 80)).DeniedBy.Should().Be(IsolatingSide.Egress);
    }

    [Fact]
    public void Policies_add_up_and_the_verdict_names_each_one_that_allowed()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: http, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{ports: [{port: 80}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: https, namespace: shop}
            spec:
              podSelector: {matchExpressions: [{key: app, operator: In, values: [db, cache]}]}
              ingress: [{ports: [{port: 443}, {port: 80}]}]
            """);

        policies.Evaluate(Tcp(Web, Db, 80)).AllowedByIngress.Should().Equal("shop/http", "shop/https");
        policies.Evaluate(Tcp(Web, Db, 443)).AllowedByIngress.Should().Equal("shop/https");
        policies.Evaluate(Tcp(Web, Db, 8080)).Allowed.Should().BeFalse();
    }

    [Fact]
    public void A_flow_needs_both_the_source_egress_and_the_destination_ingress()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """);

        policies.Evaluate(Tcp(Web, Db, 5432)).DeniedBy.Should().Be(IsolatingSide.Both);
        policies.Evaluate(Tcp(Other, Db, 5432)).DeniedBy.Should().Be(IsolatingSide.Ingress);
        policies.Evaluate(Tcp(Web, Other, 80)).DeniedBy.Should().Be(IsolatingSide.Egress);
    }

    [Theory]
    [InlineData("{podSelector: {matchLabels: {app: web}}}", "shop", true)]
    [InlineData("{podSelector: {matchLabels: {app: web}}}", "other", false)]
    [InlineData("{namespaceSelector: {matchLabels: {team: a}}}", "other", true)]
    [InlineData("{namespaceSelector: {matchLabels: {team: a}}}", "shop", false)]
    [InlineData("{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: api}}}", "other", false)]
    [InlineData("{namespaceSelector: {}}", "other", true)]
    [InlineData("{podSelector: {}}", "other", false)]
    public void Peer_selectors_follow_the_api_reference(string peer, string sourceNamespace, bool allowed)
    {
        var policies = Policies($$$"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{{{peer}}}]}]
            """);
        var source = Pod(sourceNamespace, "app=web", namespaceLabels: sourceNamespace == "other" ? new Dictionary<string, string> { ["team"] = "a" } : null);

        policies.Evaluate(Tcp(source, Db, 5432)).Allowed.Should().Be(allowed);
    }

    [Fact]
    public void Peers_of_one_rule_are_ored_and_selectors_in_one_peer_are_anded()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}
                  podSelector: {matchLabels: {app: api}}
                - podSelector: {matchLabels: {app: web}}
            """);

        policies.Evaluate(Tcp(Pod("other", "app=api"), Db, 1)).Allowed.Should().BeTrue();
        policies.Evaluate(Tcp(Pod("other", "app=web"), Db, 1)).Allowed.Should().BeFalse("the second peer means the policy's own namespace");
        policies.Evaluate(Tcp(Web, Db, 1)).Allowed.Should().BeTrue();
        policies.Evaluate(Tcp(Pod("shop", "app=api"), Db, 1)).Allowed.Should().BeFalse();
    }

    [Theory]
    [InlineData("198.51.100.7", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("10.9.0.1", true)]
    [InlineData("192.0.2.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    public void Ip_blocks_match_the_cidr_minus_except(string address, bool allowed)
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from:
                - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 192.0.2.0/24]}
                - ipBlock: {cidr: 10.9.0.0/16}
                - ipBlock: {cidr: 2001:db8::/32}
            """);

        policies.Evaluate(Tcp(Ip(address), Db, 5432)).Allowed.Should().Be(allowed);
    }

    [Fact]
    public void Ip_blocks_do_not_match_pods()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
            """);
        var pod = FlowEndpoint.ForPod(new PodEndpoint { Namespace = "shop", Name = "web", Ip = IPAddress.Parse("10.0.0.5") });

        policies.Evaluate(Tcp(pod, Db, 5432)).Allowed.Should().BeFalse();
        policies.Evaluate(Tcp(Ip("10.0.0.5"), Db, 5432)).Allowed.Should().BeTrue();
    }

    [Fact]
    public void Named_ports_resolve_on_the_destination_pod()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: named, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
              ingress: [{ports: [{port: postgres}]}]
              egress: [{ports: [{port: postgres}]}]
            """);

        policies.Evaluate(Tcp(Web, Db, 5432)).Allowed.Should().BeTrue("db names 5432 postgres");
        policies.Evaluate(Tcp(Web, Db, 5433)).Allowed.Should().BeFalse();
        policies.Evaluate(Tcp(Db, Web, 5432)).DeniedBy.Should().Be(IsolatingSide.Both, "web has no port named postgres");
        policies.Evaluate(Tcp(Web, Ip("198.51.100.1"), 5432)).Allowed.Should().BeFalse("an external address has no named ports");
        policies.Evaluate(new Flow(Web, Db, "UDP", 5432)).Allowed.Should().BeFalse("the named port is TCP");
    }

    [Theory]
    [InlineData("TCP", 32000, true)]
    [InlineData("TCP", 32768, true)]
    [InlineData("TCP", 32769, false)]
    [InlineData("TCP", 31999, false)]
    [InlineData("UDP", 32000, false)]
    [InlineData("UDP", 53, true)]
    [InlineData("TCP", 53, false)]
    [InlineData("SCTP", 9, true)]
    [InlineData("ICMP", 0, false)]
    public void Ports_default_to_tcp_and_end_port_makes_a_range(string protocol, int port, bool allowed)
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: ports, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - ports:
                - {port: 32000, endPort: 32768}
                - {protocol: UDP, port: 53}
                - {protocol: SCTP}
            """);

        policies.Evaluate(new Flow(Web, Db, protocol, port)).Allowed.Should().Be(allowed);
        policies.IsAllowed(new Flow(Web, Db, protocol, port)).Should().Be(allowed);
    }

    [Fact]
    public void Ingress_from_the_pods_own_node_is_allowed_unless_turned_off()
    {
        var db = Pod("shop", "app=db", node: "node-1");
        var ownNode = FlowEndpoint.ForNode(IPAddress.Parse("192.0.2.10"), "node-1");
        var otherNode = FlowEndpoint.ForNode(IPAddress.Parse("192.0.2.11"), "node-2");

        var verdict = Policies(DenyAllIngressForDb).Evaluate(Tcp(ownNode, db, 8080));

        verdict.Allowed.Should().BeTrue();
        verdict.AllowedAsOwnNode.Should().BeTrue();
        Policies(DenyAllIngressForDb).IsAllowed(Tcp(ownNode, db, 8080)).Should().BeTrue();
        Policies(DenyAllIngressForDb).Evaluate(Tcp(otherNode, db, 8080)).Allowed.Should().BeFalse();
        Policies(DenyAllIngressForDb, new EvaluationOptions { AllowFromOwnNode = false }).Evaluate(Tcp(ownNode, db, 8080)).Allowed.Should().BeFalse();
    }

    [Fact]
    public void Host_network_pods_are_not_selected_and_count_as_their_node()
    {
        var policies = Policies(DenyAllIngressForDb.Replace("{matchLabels: {app: db}}", "{}", StringComparison.Ordinal));
        var agent = Pod("shop", "app=agent", node: "node-1", hostNetwork: true);

        policies.Evaluate(Tcp(Web, agent, 9100)).Allowed.Should().BeTrue("a host-network pod is not isolated");
        policies.Evaluate(Tcp(agent, Pod("shop", "app=db", node: "node-1"), 8080)).AllowedAsOwnNode.Should().BeTrue();
    }

    [Fact]
    public void Policies_of_other_namespaces_never_select_a_pod()
    {
        var policies = Policies(DenyAllIngressForDb);

        policies.Evaluate(Tcp(Web, Pod("other", "app=db"), 5432)).Allowed.Should().BeTrue();
        policies.PoliciesSelecting(Pod("other", "app=db").Pod!).Should().BeEmpty();
    }

    [Fact]
    public void Allowed_connections_intersect_egress_and_ingress()
    {
        var policies = Policies("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              egress: [{ports: [{port: 5000, endPort: 6000}, {protocol: UDP, port: 53}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{ports: [{port: postgres}, {port: 80}]}]
            """);

        policies.AllowedConnections(Web, Db).ToString().Should().Be("TCP 5432");
        policies.AllowedConnections(Web, Ip("198.51.100.1")).ToString().Should().Be("TCP 5000-6000,UDP 53");
        policies.AllowedConnections(Other, Db).ToString().Should().Be("TCP 80,5432");
        policies.AllowedConnections(Other, Pod("other", "app=x")).ToString().Should().Be("All Connections");
        policies.AllowedConnections(Db, Web).ToString().Should().Be("No Connections", "egress rules make the web policy isolate ingress too");
    }

    [Theory]
    [InlineData("ipBlock: {cidr: 10.0.0.0/33}", "spec.ingress[0].from[0].ipBlock.cidr")]
    [InlineData("ipBlock: {cidr: nonsense}", "spec.ingress[0].from[0].ipBlock.cidr")]
    [InlineData("podSelector: {matchExpressions: [{key: a, operator: Is, values: [b]}]}", "spec.ingress[0].from[0].podSelector.matchExpressions[0].operator")]
    [InlineData("podSelector: {matchExpressions: [{key: a, operator: In}]}", "spec.ingress[0].from[0].podSelector.matchExpressions[0].values")]
    [InlineData("{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}", "spec.ingress[0].from[0]")]
    public void Invalid_policies_are_errors_naming_the_file_line_policy_and_field(string peer, string field)
    {
        var yaml = $$$"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: shop}
            spec:
              podSelector: {}
              ingress: [{from: [{{{(peer.StartsWith('{') ? peer : "{" + peer + "}")}}}]}]
            """;

        var act = () => Policies(yaml);

        act.Should().Throw<InvalidInputException>().WithMessage($"test.yaml:1 (record 1): NetworkPolicy shop/bad: {field}: *");
    }

    [Theory]
    [InlineData("{port: 80, endPort: 70}", "endPort")]
    [InlineData("{port: http, endPort: 90}", "endPort")]
    [InlineData("{protocol: ICMP}", "protocol")]
    [InlineData("{port: 70000}", "port")]
    public void Invalid_ports_are_errors_naming_the_field(string port, string field)
    {
        var act = () => CompiledPolicy.Compile(new Api.Networking.NetworkPolicy
        {
            Metadata = new Api.Meta.ObjectMeta { Name = "p", Namespace = "n" },
            Spec = new Api.Networking.NetworkPolicySpec
            {
                Ingress = [new Api.Networking.NetworkPolicyIngressRule { Ports = [ParsePort(port)] }],
            },
        });

        act.Should().Throw<InvalidPolicyException>().Which.Field.Should().Be($"spec.ingress[0].ports[0].{field}");
    }

    private static Api.Networking.NetworkPolicyPort ParsePort(string yaml) =>
        KubernetesDocumentReader.Parse($"kind: X\nport: {yaml}\n", "p.yaml").Single().Json["port"]
            .Deserialize<Api.Networking.NetworkPolicyPort>(Api.ApiJson.Options)!;
}
