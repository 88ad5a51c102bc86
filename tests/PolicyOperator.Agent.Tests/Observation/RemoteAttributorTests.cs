using System.Net;
using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Observation.Attribution;
using PolicyOperator.Sensor.Aggregation;
using Xunit;

namespace PolicyOperator.Agent.Tests.Observation;

public sealed class RemoteAttributorTests
{
    private static readonly InventorySnapshot Inventory = new(new ClusterInventory
    {
        Pods = [new Pod
        {
            Metadata = new ObjectMeta { Name = "db-0", Namespace = "data", Uid = "u1", Labels = new Dictionary<string, string> { ["app"] = "db" } },
            Status = new PodStatus { PodIP = "10.1.0.5" },
        }],
        Services =
        [
            new Service
            {
                Metadata = new ObjectMeta { Name = "db", Namespace = "data" },
                Spec = new ServiceSpec
                {
                    ClusterIP = "10.96.0.10",
                    Selector = new Dictionary<string, string> { ["app"] = "db" },
                    Ports = [new ServicePort { Name = "sql", Port = 5432, TargetPort = IntOrString.FromName("sql") }],
                },
            },
            new Service
            {
                Metadata = new ObjectMeta { Name = "kubernetes", Namespace = "default" },
                Spec = new ServiceSpec { ClusterIP = "10.96.0.1", Ports = [new ServicePort { Name = "https", Port = 443, TargetPort = IntOrString.FromNumber(6443) }] },
            },
        ],
        EndpointSlices =
        [
            new EndpointSlice
            {
                Metadata = new ObjectMeta { Name = "db-x", Namespace = "data", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "db" } },
                Endpoints = [new Endpoint { Addresses = ["10.1.0.5"] }],
                Ports = [new EndpointPort { Name = "sql", Port = 15432 }],
            },
            new EndpointSlice
            {
                Metadata = new ObjectMeta { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "kubernetes" } },
                Endpoints = [new Endpoint { Addresses = ["172.18.0.2"] }],
            },
        ],
        Nodes = [new Node { Metadata = new ObjectMeta { Name = "node-2" }, Status = new NodeStatus { Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.1.12" }] } }],
    });

    [Fact]
    public void A_ClusterIP_is_the_Service_with_its_named_target_port_and_the_Service_port_kept()
    {
        var remote = Attribute("10.96.0.10", 5432)!;

        remote.Peer.Type.Should().Be(PeerType.Service);
        remote.Peer.Service!.Selector.Should().Equal(new Dictionary<string, string> { ["app"] = "db" });
        remote.Port.Should().Be(15432);
        remote.ServicePort.Should().Be(5432);
    }

    [Fact]
    public void A_Service_without_a_selector_carries_its_endpoint_addresses()
    {
        var remote = Attribute("10.96.0.1", 443)!;

        remote.Peer.Service!.Selector.Should().BeNull();
        remote.Peer.Service.EndpointAddresses.Should().Equal("172.18.0.2");
        remote.Port.Should().Be(6443);
    }

    [Fact]
    public void Pod_node_external_and_loopback_addresses_are_told_apart()
    {
        Attribute("10.1.0.5", 5432)!.Peer.Workload!.Name.Should().Be("db-0");
        var node = Attribute("192.168.1.12", 10250)!.Peer;
        node.Type.Should().Be(PeerType.Node);
        node.Node!.IsLocal.Should().BeFalse();
        var external = Attribute("203.0.113.9", 443, "api.example.com")!;
        external.Peer.External.Should().BeEquivalentTo(new { Cidr = "203.0.113.9/32", DnsNames = new[] { "api.example.com" } });
        external.ServicePort.Should().BeNull();
        Attribute("127.0.0.1", 8080).Should().BeNull("loopback is the workload talking to itself");
        Attribute("::ffff:10.1.0.5", 5432)!.Peer.Type.Should().Be(PeerType.Workload, "IPv4-mapped addresses are their IPv4 address");
    }

    private static RemoteEndpoint? Attribute(string remote, ushort port, params string[] names) =>
        RemoteAttributor.Attribute(
            new FlowRecord
            {
                Key = new FlowKey(1, 1, FlowDirection.Egress, FlowProtocol.Tcp, IPAddress.Parse("10.1.0.9"), IPAddress.Parse(remote), port),
                DnsNames = names,
            },
            "node-1",
            Inventory,
            new Dictionary<IPAddress, LocalEndpoint>());
}
