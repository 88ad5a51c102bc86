using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class HubbleFlowReaderTests
{
    private static TrafficReadResult ReadSample(string name, InventoryIndex? inventory = null)
    {
        var file = RepositoryPaths.TestData("hubble-otel-flows", name);
        return new HubbleFlowReader(inventory).Parse(File.ReadAllText(file), file);
    }

    private static int Lines(string name) => File.ReadAllLines(RepositoryPaths.TestData("hubble-otel-flows", name)).Count(l => l.Trim().Length > 0);

    [Theory]
    [InlineData("basic-sample-10-flows.json")]
    [InlineData("basic-sample-400-tcp-flows.json")]
    [InlineData("basic-sample-400-udp-flows.json")]
    [InlineData("basic-sample-400-icmpv4-flows.json")]
    [InlineData("basic-sample-348-http-flows.json")]
    [InlineData("basic-sample-400-l7-redirected-flows.json")]
    public void Every_flow_of_a_real_capture_is_either_traffic_a_note_or_a_counted_skip(string name)
    {
        var result = ReadSample(name);

        var counted = result.Traffic.Sum(t => t.Spec.Ingress.Concat(t.Spec.Egress).Sum(e => e.Connections)) + result.Notes.Count + result.Skipped.Sum(s => s.Count);
        counted.Should().Be(Lines(name));
    }

    [Fact]
    public void Replies_other_verdicts_and_icmp_are_skipped_with_their_reason()
    {
        var icmp = ReadSample("basic-sample-400-icmpv4-flows.json");
        var redirected = ReadSample("basic-sample-400-l7-redirected-flows.json");
        var tcp = ReadSample("basic-sample-400-tcp-flows.json");

        icmp.Traffic.Should().BeEmpty();
        icmp.Skipped.Should().Contain(s => s.Reason.StartsWith("ICMPv4", StringComparison.Ordinal) && s.Count > 0);
        redirected.Skipped.Should().ContainSingle().Which.Should().Be(new SkippedFlows(redirected.Skipped[0].File, "verdict REDIRECTED: only FORWARDED and AUDIT flows are traffic to allow", 400));
        tcp.Skipped.Should().Contain(s => s.Reason.StartsWith("reply", StringComparison.Ordinal) && s.Count == 71 + 32 + 29);
    }

    [Fact]
    public void Bookinfo_flows_become_workload_traffic_selected_by_pod_labels_without_cilium_labels()
    {
        var result = ReadSample("basic-sample-400-tcp-flows.json");

        var productpage = result.Traffic.Should().ContainSingle(t => t.Spec.Workload.Name == "productpage-v1").Subject;
        productpage.Spec.Workload.Kind.Should().Be("Deployment");
        productpage.Spec.Workload.Namespace.Should().Be("bookinfo");
        productpage.Spec.Node.Should().Be("kind-control-plane");
        productpage.Spec.Workload.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string>
        {
            ["app"] = "productpage", ["sidecar.opentelemetry.io/injected"] = "bookinfo.otelcol-bookinfo", ["version"] = "v1",
        });
        var toReviews = productpage.Spec.Egress.Should().Contain(e => e.Peer.Workload != null && e.Peer.Workload.Name == "reviews-v2").Subject;
        toReviews.Port.Should().Be(9080);
        toReviews.Protocol.Should().Be("TCP");
        toReviews.Peer.Workload!.Selector!.MatchLabels!["app"].Should().Be("reviews");
        toReviews.FirstSeen.Should().BeBefore(toReviews.LastSeen);
    }

    [Fact]
    public void World_peers_are_external_cidrs_with_their_dns_names_and_host_peers_are_the_local_node()
    {
        const string Egress = """{"flow":{"time":"2024-01-01T00:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.5","destination":"2001:db8::7"},"l4":{"TCP":{"source_port":40000,"destination_port":443}},"source":{"namespace":"shop","pod_name":"web-5d4f8b9c6-abcde","labels":["k8s:app=web"],"workloads":[{"name":"web","kind":"Deployment"}]},"destination":{"labels":["reserved:world"]},"destination_names":["api.example.com"],"traffic_direction":"EGRESS","is_reply":false,"node_name":"n1"}}""";
        const string Ingress = """{"flow":{"time":"2024-01-01T00:00:01Z","verdict":"AUDIT","IP":{"source":"10.0.0.1","destination":"10.0.0.5"},"l4":{"TCP":{"source_port":40001,"destination_port":8080}},"source":{"labels":["reserved:host"]},"destination":{"namespace":"shop","pod_name":"web-5d4f8b9c6-abcde","labels":["k8s:app=web"]},"traffic_direction":"INGRESS","node_name":"n1"}}""";

        var result = new HubbleFlowReader().Parse($"{Egress}\n{Ingress}\n", "flows.json");

        var web = result.Traffic.Should().ContainSingle().Subject.Spec;
        web.Workload.Name.Should().Be("web");
        web.Egress.Should().ContainSingle().Which.Peer.External.Should().BeEquivalentTo(new ExternalPeer { Cidr = "2001:db8::7/128", DnsNames = ["api.example.com"] });
        web.Ingress.Should().ContainSingle().Which.Peer.Node.Should().BeEquivalentTo(new NodePeer { Name = "n1", IsLocal = true, Addresses = ["10.0.0.1"] });
    }

    [Fact]
    public void With_an_inventory_pods_resolve_to_their_owning_workload()
    {
        var inventory = new InventoryIndex(new ClusterInventory
        {
            Pods = [new Pod { Metadata = new() { Name = "productpage-v1-6b746f74dc-9rcxx", Namespace = "bookinfo", Labels = new Dictionary<string, string> { ["app"] = "productpage", ["version"] = "v1", ["pod-template-hash"] = "6b746f74dc" }, OwnerReferences = [new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "productpage-v1-6b746f74dc", Uid = "u", Controller = true }] }, Status = new PodStatus { PodIP = "10.244.0.177" } }],
        });

        var result = ReadSample("basic-sample-400-tcp-flows.json", inventory);

        result.Traffic.Should().ContainSingle(t => t.Spec.Workload.Name == "productpage-v1").Which.Spec.Workload.Selector!.MatchLabels
            .Should().Equal(new Dictionary<string, string> { ["app"] = "productpage", ["version"] = "v1" });
    }

    [Theory]
    [InlineData("{\"flow\":{\"verdict\":\"FORWARDED\"}}\nnot json\n", 2, "invalid JSON")]
    [InlineData("{\"flow\":{\"verdict\":\"FORWARDED\"}}\n\n{\"node_name\":\"x\"}\n", 3, "not a Hubble flow")]
    public void Malformed_line_is_an_error_naming_file_and_line(string text, int line, string problem)
    {
        var read = () => new HubbleFlowReader().Parse(text, "capture.json");

        read.Should().Throw<InvalidInputException>()
            .Where(e => e.Source == new DocumentSource("capture.json", line, null, null) && e.Message.StartsWith($"capture.json:{line}: {problem}", StringComparison.Ordinal));
    }

    [Fact]
    public void Peer_without_identity_is_reported_with_its_line()
    {
        const string Flow = """{"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.0.5","destination":"10.9.9.9"},"l4":{"UDP":{"destination_port":123}},"source":{"namespace":"shop","pod_name":"web-0","labels":["k8s:app=web"]},"destination":{"labels":["reserved:unmanaged"]},"traffic_direction":"EGRESS"}}""";

        var result = new HubbleFlowReader().Parse(Flow, "f.json");

        result.Traffic.Should().BeEmpty();
        result.Notes.Should().ContainSingle().Which.ToString().Should().Be("f.json:1: destination 10.9.9.9 (reserved:unmanaged) of shop/web could not be attributed");
    }
}
