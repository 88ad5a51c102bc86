using System.Net;
using FluentAssertions;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;

namespace PolicyOperator.Agent.Tests.Netns;

/// <summary>The test cluster's kube-proxy stand-in, host-network pods and DNS server behave as a cluster's do.</summary>
public sealed class NetnsClusterServiceTests
{
    [PrivilegedFact]
    public async Task A_ClusterIP_is_DNATed_to_the_target_port_and_the_server_sees_the_client_pod_address()
    {
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        var service = await cluster.AddServiceAsync("web", "default", port: 80, targetPort: 8080, [server]);

        // The server answers with the address it sees the connection come from.
        using var listener = server.Start("socat", "TCP-LISTEN:8080,reuseaddr,fork", "SYSTEM:echo $SOCAT_PEERADDR");
        await server.WaitForListenerAsync(8080);

        var reply = await client.RunAsync(["socat", "-T", "5", "-", $"TCP:{service.ClusterIP}:80"]);

        reply.Stderr.Should().BeEmpty();
        reply.Stdout.Trim().Should().Be(client.IPv4.ToString(), "DNAT keeps the source: the server sees the client pod");
    }

    [PrivilegedFact]
    public async Task A_host_network_pod_runs_in_the_node_namespace_and_is_reached_at_the_node_address()
    {
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var agent = await cluster.AddHostNetworkPodAsync("node-agent", "kube-system");

        using var listener = agent.Start("socat", "TCP-LISTEN:9100,reuseaddr,fork", "SYSTEM:echo $SOCAT_PEERADDR");
        await agent.WaitForListenerAsync(9100);
        var reply = await client.RunAsync(["socat", "-T", "5", "-", $"TCP:{cluster.NodeIPv4}:9100"]);

        agent.HostNetwork.Should().BeTrue();
        agent.IPv4.Should().Be(cluster.NodeIPv4);
        reply.Stdout.Trim().Should().Be(client.IPv4.ToString());
    }

    [PrivilegedFact]
    public async Task The_DNS_server_answers_its_records_to_pods_that_use_it()
    {
        using var cluster = await NetnsCluster.CreateAsync();
        var dns = await cluster.AddPodAsync("coredns", "kube-system");
        var client = await cluster.AddPodAsync("client");
        using var server = await DnsServer.StartAsync(
            dns,
            new Dictionary<string, IReadOnlyList<IPAddress>> { ["api.example.test"] = [IPAddress.Parse("10.250.0.7")] },
            new Dictionary<string, string> { ["www.example.test"] = "api.example.test" });
        client.UseNameServer(dns.IPv4);

        var answer = await client.RunAsync(["getent", "ahostsv4", "www.example.test"]);

        answer.Stdout.Should().Contain("10.250.0.7");
    }
}
