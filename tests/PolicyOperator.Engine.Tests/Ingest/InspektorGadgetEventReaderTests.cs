using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class InspektorGadgetEventReaderTests
{
    private static TrafficReadResult Read(string folder, string name, InventoryIndex? inventory = null)
    {
        var file = RepositoryPaths.TestData(folder, name);
        return new InspektorGadgetEventReader(inventory).Parse(File.ReadAllText(file), file);
    }

    [Fact]
    public void Latest_format_service_events_keep_the_service_port_and_say_the_target_port_is_unknown_without_inventory()
    {
        var result = Read("ig-advisor-latest", "connect-to-svc.input");

        var spec = result.Traffic.Should().ContainSingle().Subject.Spec;
        spec.Workload.Should().BeEquivalentTo(new WorkloadReference { Kind = "Pod", Name = "test-pod", Namespace = "test-networkpolicy-8485776873410829123" });
        spec.Node.Should().Be("minikube");
        spec.Egress.Select(e => $"{e.Peer.Service!.Namespace}/{e.Peer.Service.Name} {e.Protocol}/{e.Port} selector={e.Peer.Service.Selector?.Count ?? 0}")
            .Should().BeEquivalentTo("kube-system/kube-dns UDP/53 selector=1", "default/kubernetes TCP/443 selector=0");
        result.Notes.Should().HaveCount(2).And.OnlyContain(n => n.Message.Contains("target port unknown (the Service is not in the inventory)", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_port_is_resolved_to_the_target_port_and_endpoints_through_the_inventory()
    {
        var inventory = new InventoryIndex(new ClusterInventory
        {
            Services =
            [
                new Service { Metadata = new() { Name = "kubernetes", Namespace = "default" }, Spec = new() { Ports = [new ServicePort { Name = "https", Port = 443, TargetPort = IntOrString.FromNumber(8443), Protocol = "TCP" }] } },
                new Service { Metadata = new() { Name = "kube-dns", Namespace = "kube-system" }, Spec = new() { Selector = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, Ports = [new ServicePort { Name = "dns", Port = 53, TargetPort = IntOrString.FromName("dns"), Protocol = "UDP" }] } },
            ],
            EndpointSlices =
            [
                new EndpointSlice { Metadata = new() { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "kubernetes" } }, Endpoints = [new Endpoint { Addresses = ["192.168.49.2"] }], Ports = [new EndpointPort { Name = "https", Port = 8443, Protocol = "TCP" }] },
                new EndpointSlice { Metadata = new() { Name = "kube-dns-x", Namespace = "kube-system", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "kube-dns" } }, Endpoints = [new Endpoint { Addresses = ["10.244.0.2"] }], Ports = [new EndpointPort { Name = "dns", Port = 5353, Protocol = "UDP" }] },
            ],
        });

        var result = Read("ig-advisor-latest", "connect-to-svc-duplicate.input", inventory);

        result.Notes.Should().BeEmpty();
        var egress = result.Traffic.Should().ContainSingle().Subject.Spec.Egress;
        var api = egress.Should().ContainSingle(e => e.Peer.Service!.Name == "kubernetes").Subject;
        (api.Port, api.ServicePort, api.Connections).Should().Be((8443, 443, 2L));
        api.Peer.Service!.EndpointAddresses.Should().Equal("192.168.49.2");
        var dns = egress.Should().ContainSingle(e => e.Peer.Service!.Name == "kube-dns").Subject;
        (dns.Port, dns.ServicePort, dns.Connections).Should().Be((5353, 53, 3L));
    }

    [Fact]
    public void Legacy_format_connects_and_accepts_become_egress_and_ingress_of_the_owner_workload()
    {
        var result = Read("ig-advisor-legacy", "multiple.input");

        result.Traffic.Select(t => $"{t.Spec.Workload.Namespace}/{t.Spec.Workload.Name}[{t.Spec.Workload.Kind}]").Should().Equal("demo/checkoutservice[Deployment]", "demo/shippingservice[Deployment]");
        var checkout = result.Traffic[0].Spec;
        checkout.Workload.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "checkoutservice" });
        checkout.Egress.Should().ContainSingle().Which.Peer.Workload!.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "shippingservice" });
        result.Traffic[1].Spec.Ingress.Should().ContainSingle().Which.Port.Should().Be(50051);
    }

    [Theory]
    [InlineData("ig-advisor-latest")]
    [InlineData("ig-advisor-legacy")]
    public void Empty_input_gives_no_traffic(string folder) =>
        Read(folder, "empty.input").Traffic.Should().BeEmpty();

    [Theory]
    [InlineData("[{\"type\":\"connect\",\"remote_kind\":\"pod\",\"local_pod_namespace\":\"a\",\"local_pod_name\":\"p\"}]", "events.input: record 1", "missing or invalid 'port'")]
    [InlineData("{\"type\":\"normal\",\"k8s\":{\"namespace\":\"a\",\"podname\":\"p\"},\"pktType\":\"OUTGOING\",\"proto\":\"tcp\",\"port\":80,\"dst\":{\"kind\":\"raw\",\"addr\":\"1.1.1.1\"}}\n{\"type\":\"normal\",\"pktType\":\"OUTGOING\",\"dst\":{}}", "events.input:2", "missing object 'k8s'")]
    [InlineData("{\"type\":\"normal\"}\n{oops", "events.input:2", "invalid JSON")]
    public void Malformed_event_is_an_error_naming_file_and_line_or_record(string text, string where, string problem)
    {
        var read = () => new InspektorGadgetEventReader().Parse(text, "events.input");

        read.Should().Throw<InvalidInputException>().Where(e => e.Message.StartsWith($"{where}: {problem}", StringComparison.Ordinal));
    }
}
