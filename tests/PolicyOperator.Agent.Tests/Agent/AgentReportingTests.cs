using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Agent;

/// <summary>
/// The real policy-agent on the test node reports what the pods did as ObservedTraffic in the test
/// API server: workloads from the node's pods, peers from pod IPs, ClusterIPs (through real DNAT),
/// node IPs and DNS names.
/// </summary>
public sealed class AgentReportingTests
{
    [PrivilegedFact]
    public async Task The_agent_reports_tcp_udp_service_dns_named_external_and_host_network_traffic_per_workload()
    {
        await using var node = await AgentCluster.CreateAsync();
        await using var agent = node.StartAgent();
        await agent.WaitUntilReadyAsync();

        using var udpEcho = await node.StartUdpEchoAsync();
        (await node.ClientCallsWebServiceAsync("hello")).Should().Be("hello\n");
        (await node.Client.RunAsync(["sh", "-c", $"echo ping | socat -T 2 - UDP:{node.Web.IPv4}:9999"])).Stdout.Should().Be("ping\n");
        (await node.Client.RunAsync(["sh", "-c", $"echo out | socat -T 5 - TCP:{AgentCluster.ExternalName}:443"])).Stdout.Should().Be("out\n");
        (await node.Client.RunAsync(["sh", "-c", $"echo metrics | socat -T 5 - TCP:{node.Cluster.NodeIPv4}:9100"])).Stdout.Should().Be("metrics\n");

        var client = await node.WaitForObservedAsync("default", "client", t => t.Spec.Egress.Count >= 5, agent);
        client.Spec.Workload.Should().BeEquivalentTo(new { Kind = "Deployment", Name = "client", Namespace = "default", HostNetwork = false });
        client.Spec.Workload.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "client" });
        client.Spec.Node.Should().Be(AgentCluster.Node);
        client.Metadata.Labels.Should().Contain("policyoperator.io/node", AgentCluster.Node);

        var toService = client.Spec.Egress.Should().ContainSingle(e => e.Peer.Type == PeerType.Service).Subject;
        toService.Peer.Service.Should().BeEquivalentTo(new { Name = "web", Namespace = "shop", ClusterIp = node.WebService.ClusterIP.ToString() });
        toService.Peer.Service!.Selector.Should().Equal(new Dictionary<string, string> { ["app"] = "web" });
        toService.Protocol.Should().Be("TCP");
        toService.Port.Should().Be(8080, "the named target port, resolved through the EndpointSlice, is what the CNI enforces");
        toService.ServicePort.Should().Be(80);
        toService.Connections.Should().Be(1);
        toService.Processes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Comm = "socat", Container = NetnsInventory.ContainerName });
        toService.Samples.Should().ContainSingle().Which.SourceIp.Should().Be(node.Client.IPv4.ToString());

        var udp = client.Spec.Egress.Should().ContainSingle(e => e.Protocol == "UDP" && e.Port == 9999).Subject;
        udp.Peer.Workload.Should().BeEquivalentTo(new { Kind = "Deployment", Name = "web", Namespace = "shop" }, "cross-namespace peers keep their namespace");

        var external = client.Spec.Egress.Should().ContainSingle(e => e.Peer.Type == PeerType.External && e.Port == 443).Subject;
        external.Peer.External!.Cidr.Should().Be($"{node.External.IPv4}/32");
        external.Peer.External.DnsNames.Should().Equal(AgentCluster.ExternalName);

        client.Spec.Egress.Should().Contain(e => e.Protocol == "UDP" && e.Port == 53 && e.Peer.Workload!.Name == "coredns");
        var toNode = client.Spec.Egress.Should().ContainSingle(e => e.Peer.Type == PeerType.Node).Subject;
        toNode.Port.Should().Be(9100);
        toNode.Peer.Node!.Name.Should().Be(AgentCluster.Node);

        var web = await node.WaitForObservedAsync("shop", "web", t => t.Spec.Ingress.Count >= 2, agent);
        web.Spec.Ingress.Should().Contain(e => e.Protocol == "TCP" && e.Port == 8080 && e.Peer.Workload!.Name == "client" && e.Peer.Workload.Namespace == "default");
        web.Spec.Ingress.Should().Contain(e => e.Protocol == "UDP" && e.Port == 9999 && e.Peer.Workload!.Name == "client");

        var hostNetwork = await node.WaitForObservedAsync("kube-system", "node-agent", t => t.Spec.Ingress.Count >= 1, agent);
        hostNetwork.Spec.Workload.HostNetwork.Should().BeTrue();
        hostNetwork.Spec.Ingress.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Port = 9100, Protocol = "TCP" });
        hostNetwork.Spec.Ingress[0].Peer.Workload!.Name.Should().Be("client");

        node.Observed("default", "ext").Should().BeNull("a process outside the cluster's pods is not a workload");
        (await agent.MetricsAsync()).Should().Contain("policy_agent_api_writes_total").And.Contain("policy_agent_sensor_drops_total{reason=\"flow_map_full\"} 0");
        (await agent.StopAsync()).Should().Be(0);
    }

    [PrivilegedFact]
    public async Task The_dns_questions_a_workload_asks_are_recorded_with_their_answers_and_the_pod_that_asked()
    {
        await using var node = await AgentCluster.CreateAsync();
        await using var agent = node.StartAgent();
        await agent.WaitUntilReadyAsync();

        (await node.Client.RunAsync(["sh", "-c", $"echo out | socat -T 5 - TCP4:{AgentCluster.ExternalName}:443"])).Stdout.Should().Be("out\n");
        await node.Client.RunAsync(["getent", "ahostsv4", "missing.example.test"]);

        var client = await node.WaitForObservedAsync(
            "default", "client", t => t.Spec.DnsQueries.Any(q => q.Name == "missing.example.test" && q.Responses.Count > 0) && t.Spec.DnsQueries.Any(q => q.Name == AgentCluster.ExternalName && q.Responses.Count > 0), agent);
        var asked = client.Spec.DnsQueries.Should().ContainSingle(q => q.Name == AgentCluster.ExternalName && q.QueryType == "A").Subject;
        asked.Queries.Should().BeGreaterThanOrEqualTo(1);
        asked.Responses.Should().ContainKey("NOERROR");
        asked.Answers.Should().Equal(node.External.IPv4.ToString());
        asked.Processes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Pod = $"client-5d4f8b9c6-{node.Client.Uid[..5]}", Container = NetnsInventory.ContainerName });
        var missing = client.Spec.DnsQueries.Should().ContainSingle(q => q.Name == "missing.example.test" && q.QueryType == "A").Subject;
        missing.Answers.Should().BeEmpty();
        missing.Responses.Keys.Should().NotContain("NOERROR", "dnsmasq knows only the names it was given");
        node.Observed("kube-system", "coredns")?.Spec.DnsQueries.Should().BeEmpty("questions a DNS server receives are not its own");
        (await agent.StopAsync()).Should().Be(0);
    }

    [PrivilegedFact]
    public async Task Traffic_during_an_API_server_outage_is_kept_and_written_when_it_returns()
    {
        await using var node = await AgentCluster.CreateAsync();
        await using var agent = node.StartAgent();
        await agent.WaitUntilReadyAsync();
        await node.ClientCallsWebServiceAsync("before");
        await node.WaitForObservedAsync("default", "client", t => Connections(t) == 1, agent);

        node.Server.Faults.StartOutage(TimeSpan.FromMinutes(10));
        await node.ClientCallsWebServiceAsync("during");
        await node.ClientCallsWebServiceAsync("during");
        await WaitForAsync(async () => Metric(await agent.MetricsAsync(), "policy_agent_api_write_failures_total") >= 2, agent);
        node.Observed("default", "client").Should().Match<ObservedTraffic>(t => Connections(t) == 1, "nothing reached the API server during the outage");

        node.Server.Faults.EndOutage();
        var after = await node.WaitForObservedAsync("default", "client", t => Connections(t) == 3, agent);
        after.Spec.Egress.Single(e => e.Peer.Type == PeerType.Service).BytesSent.Should().Be("before\n".Length + (2 * "during\n".Length));
        (await agent.StopAsync()).Should().Be(0);
    }

    [PrivilegedFact]
    public async Task A_restarted_agent_keeps_the_counts_of_its_pinned_maps_and_counts_nothing_twice()
    {
        await using var node = await AgentCluster.CreateAsync();
        await using (var first = node.StartAgent(pinned: true))
        {
            await first.WaitUntilReadyAsync();
            await node.ClientCallsWebServiceAsync("one");
            await node.WaitForObservedAsync("default", "client", t => Connections(t) == 1, first);
            (await first.StopAsync()).Should().Be(0);
        }

        File.Exists(Path.Combine(node.PinDirectory, "flows")).Should().BeTrue("the maps stay pinned while no agent runs");
        await using var second = node.StartAgent(pinned: true);
        await second.WaitUntilReadyAsync();
        await node.ClientCallsWebServiceAsync("two");

        var observed = await node.WaitForObservedAsync("default", "client", t => Connections(t) >= 2, second);
        Connections(observed).Should().Be(2, "the first connection comes from the pinned map, once");
        observed.Spec.Egress.Single(e => e.Peer.Type == PeerType.Service).BytesSent.Should().Be("one\n".Length + "two\n".Length);
        (await second.StopAsync()).Should().Be(0);
    }

    private static long Connections(ObservedTraffic traffic) =>
        traffic.Spec.Egress.Where(e => e.Peer.Type == PeerType.Service).Sum(e => e.Connections);

    private static double Metric(string page, string name) =>
        page.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    private static async Task WaitForAsync(Func<Task<bool>> condition, AgentProcess agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not reached; agent output:\n{agent.Output}\nmetrics:\n{await agent.MetricsAsync()}");
            }

            await Task.Delay(200);
        }
    }
}
