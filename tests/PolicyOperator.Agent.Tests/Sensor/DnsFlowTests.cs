using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class DnsFlowTests
{
    private const string Alias = "www.example.test";
    private const string Canonical = "web.example.test";

    [PrivilegedFact]
    public async Task Connection_to_a_resolved_address_carries_the_names_from_the_dns_answers()
    {
        PrivilegedEnvironment.Require();
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var web = await cluster.AddPodAsync("web");
        var dns = await cluster.AddPodAsync("dns", "kube-system");
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        using var dnsServer = await StartDnsmasqAsync(dns, web);
        client.UseNameServer(dns.IPv4);

        var lookup = await client.RunAsync(["getent", "ahosts", Alias]);
        lookup.Stdout.Should().Contain(web.IPv4.ToString()).And.Contain(web.IPv6.ToString());

        using var listener = web.Start("socat", "TCP-LISTEN:8080,reuseaddr", "EXEC:cat");
        await web.WaitForListenerAsync(8080);
        (await client.RunAsync(["sh", "-c", $"echo hi | socat - TCP:{web.IPv4}:8080"])).Stdout.Should().Be("hi\n");

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.CgroupId == client.CgroupId,
            fs => fs.Any(f => f.Key.Protocol == FlowProtocol.Tcp && f.Closes >= 1));

        var connection = flows.Single(f => f.Key.Protocol == FlowProtocol.Tcp);
        connection.Key.RemoteAddress.Should().Be(web.IPv4);
        connection.DnsNames.Should().BeEquivalentTo([Alias, Canonical], "the alias's CNAME chain leads to the address");

        var query = flows.Should().Contain(f => f.Key.Protocol == FlowProtocol.Udp && f.Key.Port == 53).Subject;
        query.Key.Direction.Should().Be(FlowDirection.Egress);
        query.Key.RemoteAddress.Should().Be(dns.IPv4);
        query.Comm.Should().Be("getent");

        sensor.Names.Lookup(client.NetnsInode, web.IPv6).Should().BeEquivalentTo([Alias, Canonical]);
        sensor.Names.Lookup(web.NetnsInode, web.IPv4).Should().BeEmpty("names are kept per network namespace");

        var observed = sensor.RecentDns().Where(d => d.CgroupId == client.CgroupId).ToList();
        observed.Should().Contain(d => d.Direction == FlowDirection.Egress && !d.Message.IsResponse && d.Message.Questions[0].Name == Alias);
        observed.Should().Contain(d => d.Direction == FlowDirection.Ingress && d.Message.IsResponse &&
            d.Message.Answers.Any(a => a.Type == DnsRecordType.Aaaa && a.Address!.Equals(web.IPv6) && a.Ttl > 0));
        sensor.ReadDrops().DnsParseErrors.Should().Be(0);
    }

    [PrivilegedFact]
    public async Task Dns_over_tcp_is_copied_and_parsed()
    {
        PrivilegedEnvironment.Require();
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var web = await cluster.AddPodAsync("web");
        var dns = await cluster.AddPodAsync("dns", "kube-system");
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        using var dnsServer = await StartDnsmasqAsync(dns, web);
        await dns.WaitForListenerAsync(53);
        client.UseNameServer(dns.IPv4, useTcp: true);

        (await client.RunAsync(["getent", "ahostsv4", Canonical])).Stdout.Should().Contain(web.IPv4.ToString());

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<DnsObservation> overTcp = [];
        while (DateTime.UtcNow < deadline && !overTcp.Any(d => d.Message.IsResponse))
        {
            sensor.Poll(TimeSpan.FromMilliseconds(50));
            overTcp = sensor.RecentDns().Where(d => d.CgroupId == client.CgroupId && d.Protocol == FlowProtocol.Tcp).ToList();
        }

        overTcp.Should().Contain(d => !d.Message.IsResponse && d.RemotePort == 53);
        overTcp.Should().Contain(d => d.Message.IsResponse && d.Message.Answers.Any(a => a.Address!.Equals(web.IPv4)));
        sensor.Names.Lookup(client.NetnsInode, web.IPv4).Should().Contain(Canonical);
    }

    [PrivilegedFact]
    public async Task A_dns_over_tcp_response_longer_than_the_capture_gives_the_names_of_the_answers_that_fit()
    {
        PrivilegedEnvironment.Require();
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var dns = await cluster.AddPodAsync("dns", "kube-system");
        var addresses = Enumerable.Range(1, 60).Select(i => System.Net.IPAddress.Parse($"198.51.100.{i}")).ToList();
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        using var dnsServer = await DnsServer.StartAsync(dns, new Dictionary<string, IReadOnlyList<System.Net.IPAddress>> { ["many.example.test"] = addresses });
        client.UseNameServer(dns.IPv4, useTcp: true);

        var lookup = await client.RunAsync(["getent", "ahostsv4", "many.example.test"]);
        lookup.Stdout.Should().Contain("198.51.100.60", "the resolver got the whole response (about 1 KiB, over the 512-byte capture)");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<DnsObservation> responses = [];
        while (DateTime.UtcNow < deadline && responses.Count == 0)
        {
            sensor.Poll(TimeSpan.FromMilliseconds(50));
            responses = sensor.RecentDns().Where(d => d.CgroupId == client.CgroupId && d.Protocol == FlowProtocol.Tcp && d.Message.IsResponse).ToList();
        }

        var response = responses.Should().ContainSingle().Subject;
        response.Message.Truncated.Should().BeTrue("the message is longer than the 512 bytes copied from the kernel");
        var captured = response.Message.Answers.Select(a => a.Address!).ToList();
        captured.Should().NotBeEmpty().And.HaveCountLessThan(60).And.OnlyContain(a => addresses.Contains(a));
        sensor.Names.Lookup(client.NetnsInode, captured[0]).Should().Contain("many.example.test");
        sensor.ReadDrops().DnsParseErrors.Should().Be(0);
    }

    private static Task<PodProcess> StartDnsmasqAsync(Pod dns, Pod web) =>
        DnsServer.StartAsync(
            dns,
            new Dictionary<string, IReadOnlyList<System.Net.IPAddress>> { [Canonical] = [web.IPv4, web.IPv6] },
            new Dictionary<string, string> { [Alias] = Canonical });
}
