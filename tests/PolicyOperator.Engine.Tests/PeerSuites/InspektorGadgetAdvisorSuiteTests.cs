using FluentAssertions;
using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Engine.Verification;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.PeerSuites;

/// <summary>
/// Inspektor Gadget's network-policy advisor cases: import their events, generate, and show with the
/// evaluator that every connection they observed is allowed by our policies; compare with their golden
/// output by meaning. The deliberate differences are in docs/ig-advisor-differences.md.
/// </summary>
public sealed class InspektorGadgetAdvisorSuiteTests
{
    public static TheoryData<string, string, bool, int, bool> Cases => new()
    {
        // folder, case, with the minikube inventory, policies we generate, whether their golden allows every observed flow
        { "ig-advisor-latest", "connect-to-svc", true, 1, false },
        { "ig-advisor-latest", "connect-to-svc-duplicate", true, 1, false },
        { "ig-advisor-legacy", "accept-from-pod", false, 1, true },
        { "ig-advisor-legacy", "connect-to-svc", false, 1, true },
        { "ig-advisor-legacy", "connect-to-svc-duplicate", false, 1, true },
        { "ig-advisor-legacy", "connect-to-svc-namespace", false, 1, false },
        { "ig-advisor-legacy", "multiple", false, 2, true },
        { "ig-advisor-latest", "empty", false, 0, true },
        { "ig-advisor-legacy", "empty", false, 0, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_observed_connection_is_allowed_by_the_generated_policies(string folder, string name, bool withInventory, int policies, bool goldenAllowsAll)
    {
        var (inventory, traffic, result) = Generate(folder, name, withInventory);
        var (flows, unreplayable) = new TrafficFlowConverter(new InventoryIndex(inventory)).Convert(traffic.Traffic);

        result.Policies.Should().HaveCount(policies);
        unreplayable.Should().BeEmpty();
        flows.Should().HaveCount(traffic.Traffic.Sum(t => t.Spec.Ingress.Count + t.Spec.Egress.Count));
        var ours = new PolicySet(result.Policies.Select(p => p.Policy));
        flows.Where(f => !ours.Evaluate(f.Flow).Allowed).Select(f => f.Flow.ToString()).Should().BeEmpty();

        var golden = new PolicySet(Golden(folder, name));
        flows.All(f => golden.Evaluate(f.Flow).Allowed).Should().Be(goldenAllowsAll, "the golden's known gaps are documented");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_policies_select_the_same_workloads_and_peers_as_the_golden(string folder, string name, bool withInventory, int policies, bool goldenAllowsAll)
    {
        _ = (policies, goldenAllowsAll);
        var (_, _, result) = Generate(folder, name, withInventory);
        var golden = Golden(folder, name);

        result.Policies.Select(p => p.Policy.Metadata.Namespace).Should().BeEquivalentTo(golden.Select(g => g.Metadata.Namespace));
        foreach (var theirs in golden.Where(g => !g.Spec.PodSelector.IsEmpty))
        {
            var ours = result.Policies.Select(p => p.Policy).Should().ContainSingle(p => Labels(p.Spec.PodSelector) == Labels(theirs.Spec.PodSelector), "one policy per workload, same pods").Subject;
            PodSelectors(ours).Should().Contain(PodSelectors(theirs), "every peer workload of the golden is selected by the same pod labels (plus a namespace)");
        }
    }

    [Fact]
    public void Without_an_inventory_an_unlabelled_pod_gets_no_policy_instead_of_an_empty_pod_selector()
    {
        var (_, traffic, result) = Generate("ig-advisor-latest", "connect-to-svc", withInventory: false);

        result.Policies.Should().BeEmpty();
        result.Findings.Should().Contain(f => f.Subject == $"{MinikubeInventory.TestNamespace}/test-pod[Pod]" && f.Message.Contains("empty podSelector", StringComparison.Ordinal));
        traffic.Notes.Should().HaveCount(2, "both Service ports are kept as Service ports and said to be unresolved");
    }

    [Fact]
    public void The_api_server_is_allowed_by_its_endpoint_on_the_target_port_where_the_golden_allows_every_pod_in_default()
    {
        var (inventory, _, result) = Generate("ig-advisor-latest", "connect-to-svc", withInventory: true);
        var index = new InventoryIndex(inventory);
        var testPod = FlowEndpoint.ForPod(PodEndpoints.FromPod(inventory.Pods[0], index));
        var anyPodInDefault = FlowEndpoint.ForPod(new PodEndpoint { Namespace = "default", Name = "other", NamespaceLabels = index.NamespaceLabels("default") });
        var apiServer = FlowEndpoint.ForAddress(System.Net.IPAddress.Parse("192.168.49.2"));
        var ours = new PolicySet(result.Policies.Select(p => p.Policy));
        var golden = new PolicySet(Golden("ig-advisor-latest", "connect-to-svc"));

        ours.Evaluate(new Flow(testPod, apiServer, "TCP", 8443)).Allowed.Should().BeTrue();
        golden.Evaluate(new Flow(testPod, apiServer, "TCP", 8443)).Allowed.Should().BeFalse("the golden names the Service port and a pod selector");
        ours.Evaluate(new Flow(testPod, anyPodInDefault, "TCP", 443)).Allowed.Should().BeFalse();
        golden.Evaluate(new Flow(testPod, anyPodInDefault, "TCP", 443)).Allowed.Should().BeTrue("podSelector {} in default selects every pod there");
    }

    [Fact]
    public void Docs_nginx_example_recorded_as_events_gives_the_documented_connections()
    {
        var events = string.Join('\n',
            Event("test-pod", "run", "test-pod", "OUTGOING", "tcp", 80, """{"kind":"pod","addr":"10.244.0.7","namespace":"default","name":"nginx-7c5ddbdf54-2xk9t","podLabels":{"app":"nginx","pod-template-hash":"7c5ddbdf54"}}"""),
            Event("test-pod", "run", "test-pod", "OUTGOING", "tcp", 80, """{"kind":"raw","addr":"1.1.1.1"}"""),
            Event("test-pod", "run", "test-pod", "OUTGOING", "tcp", 443, """{"kind":"raw","addr":"1.1.1.1"}"""),
            Event("test-pod", "run", "test-pod", "OUTGOING", "udp", 53, """{"kind":"svc","addr":"10.96.0.10","namespace":"kube-system","name":"kube-dns","podLabels":{"k8s-app":"kube-dns"}}"""),
            Event("nginx-7c5ddbdf54-2xk9t", "app", "nginx", "HOST", "tcp", 80, """{"kind":"pod","addr":"10.244.0.5","namespace":"default","name":"test-pod","podLabels":{"run":"test-pod"}}"""));
        var traffic = new InspektorGadgetEventReader().Parse(events, "nginx-example.input");

        var result = new PolicySynthesizer().Synthesize(traffic.Traffic, ClusterInventory.Empty);
        var (flows, unreplayable) = new TrafficFlowConverter(new InventoryIndex(ClusterInventory.Empty)).Convert(traffic.Traffic);

        result.Policies.Select(p => p.Policy.Metadata.Name).Should().Equal("nginx-deployment", "test-pod-pod");
        unreplayable.Should().BeEmpty();
        var ours = new PolicySet(result.Policies.Select(p => p.Policy));
        flows.Should().HaveCount(5).And.OnlyContain(f => ours.Evaluate(f.Flow).Allowed);
        var documented = new PolicySet(ReadPolicies(RepositoryPaths.TestData("ig-advisor-docs", "README.mdx.nginx-example.yaml")));
        flows.Where(f => f.Flow.Port != 53).Should().OnlyContain(f => documented.Evaluate(f.Flow).Allowed);
    }

    private static string Event(string pod, string labelKey, string labelValue, string packetType, string protocol, int port, string destination) =>
        $$$"""{"type":"normal","k8s":{"node":"minikube","namespace":"default","podname":"{{{pod}}}"},"podLabels":{"{{{labelKey}}}":"{{{labelValue}}}"},"pktType":"{{{packetType}}}","proto":"{{{protocol}}}","port":{{{port}}},"dst":{{{destination}}}}""";

    private static (ClusterInventory Inventory, TrafficReadResult Traffic, SynthesisResult Result) Generate(string folder, string name, bool withInventory)
    {
        var inventory = withInventory ? MinikubeInventory.Create() : ClusterInventory.Empty;
        var file = RepositoryPaths.TestData(folder, $"{name}.input");
        var traffic = new InspektorGadgetEventReader(withInventory ? new InventoryIndex(inventory) : null).Parse(File.ReadAllText(file), file);
        return (inventory, traffic, new PolicySynthesizer().Synthesize(traffic.Traffic, inventory));
    }

    private static IReadOnlyList<NetworkPolicy> Golden(string folder, string name) => ReadPolicies(RepositoryPaths.TestData(folder, $"{name}.golden"));

    private static IReadOnlyList<NetworkPolicy> ReadPolicies(string file) =>
        NetworkPolicyReader.FromDocuments(KubernetesDocumentReader.Parse(File.ReadAllText(file), file)).Policies;

    private static string Labels(Api.Meta.LabelSelector? selector) =>
        string.Join(',', (selector?.MatchLabels ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static IEnumerable<string> PodSelectors(NetworkPolicy policy) =>
        (policy.Spec.Ingress ?? []).SelectMany(r => r.From ?? []).Concat((policy.Spec.Egress ?? []).SelectMany(r => r.To ?? []))
            .Where(p => p.PodSelector is { IsEmpty: false })
            .Select(p => Labels(p.PodSelector));
}
