using System.Net;
using FluentAssertions;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Testing;
using Xunit;
using static PolicyOperator.Engine.Tests.Evaluation.EvaluationFixtures;

namespace PolicyOperator.Engine.Tests.Evaluation;

/// <summary>The NetworkPolicy examples of the Kubernetes documentation parse and behave as the documentation says.</summary>
public sealed class KubernetesDocsExamplesTests
{
    private static readonly Dictionary<string, FlowEndpoint> Endpoints = new(StringComparer.Ordinal)
    {
        ["db"] = Pod("default", "role=db"),
        ["frontend"] = Pod("default", "role=frontend"),
        ["web"] = Pod("default", "app=web"),
        ["myproject-pod"] = Pod("myproject", "app=x", namespaceLabels: new Dictionary<string, string> { ["project"] = "myproject" }),
        ["other-ns-frontend"] = Pod("other", "role=frontend"),
        ["172.17.0.5"] = Ip("172.17.0.5"),
        ["172.17.1.5"] = Ip("172.17.1.5"),
        ["10.0.0.5"] = Ip("10.0.0.5"),
        ["10.0.1.5"] = Ip("10.0.1.5"),
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.TestData("k8s-website-netpol-examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_example_parses_into_one_policy_in_the_default_namespace(string file)
    {
        var policies = await ReadAsync(file);

        policies.Policies.Should().ContainSingle().Which.Namespace.Should().Be("default");
    }

    [Theory]
    // The default policies: isolation per direction, no rules = deny, an empty rule = allow all.
    [InlineData("network-policy-default-deny-ingress.yaml", "web", "db", 80, false)]
    [InlineData("network-policy-default-deny-ingress.yaml", "db", "10.0.0.5", 80, true)]
    [InlineData("network-policy-default-deny-egress.yaml", "web", "10.0.0.5", 443, false)]
    [InlineData("network-policy-default-deny-egress.yaml", "172.17.0.5", "db", 80, true)]
    [InlineData("network-policy-default-deny-all.yaml", "172.17.0.5", "db", 80, false)]
    [InlineData("network-policy-default-deny-all.yaml", "db", "10.0.0.5", 80, false)]
    [InlineData("network-policy-default-deny-all.yaml", "myproject-pod", "other-ns-frontend", 80, true)]
    [InlineData("network-policy-allow-all-ingress.yaml", "172.17.0.5", "db", 80, true)]
    [InlineData("network-policy-allow-all-egress.yaml", "db", "10.0.0.5", 9999, true)]
    [InlineData("network-policy-allow-all-egress-deny-all-ingress.yaml", "db", "10.0.0.5", 9999, true)]
    [InlineData("network-policy-allow-all-egress-deny-all-ingress.yaml", "web", "db", 80, false)]
    // test-network-policy: ingress to role=db on TCP 6379 from the ipBlock (minus except), the namespace, or frontend pods.
    [InlineData("networkpolicy.yaml", "172.17.0.5", "db", 6379, true)]
    [InlineData("networkpolicy.yaml", "172.17.1.5", "db", 6379, false)]
    [InlineData("networkpolicy.yaml", "myproject-pod", "db", 6379, true)]
    [InlineData("networkpolicy.yaml", "frontend", "db", 6379, true)]
    [InlineData("networkpolicy.yaml", "other-ns-frontend", "db", 6379, false)]
    [InlineData("networkpolicy.yaml", "frontend", "db", 6380, false)]
    [InlineData("networkpolicy.yaml", "web", "db", 6379, false)]
    [InlineData("networkpolicy.yaml", "db", "10.0.0.5", 5978, true)]
    [InlineData("networkpolicy.yaml", "db", "10.0.1.5", 5978, false)]
    [InlineData("networkpolicy.yaml", "db", "10.0.0.5", 5979, false)]
    [InlineData("networkpolicy.yaml", "web", "frontend", 80, true)]
    // multi-port-egress: endPort makes 32000-32768 one rule.
    [InlineData("networkpolicy-multiport-egress.yaml", "db", "10.0.0.5", 32000, true)]
    [InlineData("networkpolicy-multiport-egress.yaml", "db", "10.0.0.5", 32768, true)]
    [InlineData("networkpolicy-multiport-egress.yaml", "db", "10.0.0.5", 32769, false)]
    [InlineData("networkpolicy-multiport-egress.yaml", "db", "10.0.0.5", 31999, false)]
    [InlineData("networkpolicy-multiport-egress.yaml", "web", "10.0.0.5", 1, true)]
    public async Task Example_behaves_as_documented(string file, string from, string to, int port, bool allowed)
    {
        var policies = await ReadAsync(file);

        policies.Evaluate(Tcp(Endpoints[from], Endpoints[to], port)).Allowed.Should().Be(allowed);
        policies.IsAllowed(Tcp(Endpoints[from], Endpoints[to], port)).Should().Be(allowed, "the fast path agrees with the verdict");
    }

    [Fact]
    public async Task Test_network_policy_allows_exactly_its_documented_connections()
    {
        var policies = await ReadAsync("networkpolicy.yaml");

        policies.AllowedConnections(Endpoints["frontend"], Endpoints["db"]).ToString().Should().Be("TCP 6379");
        policies.AllowedConnections(Endpoints["db"], Endpoints["10.0.0.5"]).ToString().Should().Be("TCP 5978");
        policies.AllowedConnections(Endpoints["db"], FlowEndpoint.ForAddress(IPAddress.Parse("10.0.0.255"))).ToString().Should().Be("TCP 5978");
    }

    private static async Task<PolicySet> ReadAsync(string file)
    {
        var result = await new NetworkPolicyReader(new KubernetesDocumentReader())
            .ReadAsync([RepositoryPaths.TestData("k8s-website-netpol-examples", file)], CancellationToken.None);
        return new PolicySet(result.Policies);
    }
}
