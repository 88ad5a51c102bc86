using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Engine.Synthesis;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 7: external peers as canonical CIDRs, grouped when many, annotated with DNS names; IPv4 and IPv6.</summary>
public sealed class ExternalPeerRuleTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("203.0.113.7/32", "203.0.113.7/32")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7/32")]
    [InlineData("2001:DB8:0:0::7", "2001:db8::7/128")]
    [InlineData("198.51.100.77/24", "198.51.100.0/24")]
    public void External_addresses_are_written_as_canonical_cidrs(string observed, string expected)
    {
        var policy = Synth.Single(Observed(Workload("shop", "web"), egress: [Entry(ToExternal(observed), 443)]));

        Synth.NonDnsEgress(policy).SelectMany(r => r.To!).Should().ContainSingle().Which.IpBlock!.Cidr.Should().Be(expected);
    }

    [Fact]
    public void Many_external_addresses_are_grouped_into_prefixes_per_family()
    {
        var v4 = Enumerable.Range(1, 5).Select(i => Entry(ToExternal($"198.51.100.{i}", $"n{i}.example.com"), 443));
        var v6 = Enumerable.Range(1, 3).Select(i => Entry(ToExternal($"2001:db8:1:2::{i}"), 443));
        var single = Entry(ToExternal("203.0.113.7", "api.example.com"), 443);
        var traffic = Observed(Workload("shop", "web"), egress: [.. v4, .. v6, single]);
        var options = new SynthesisOptions { ExternalGroupingThreshold = 4 };

        var synthesized = Synth.Run([traffic], options: options).Policies.Should1();

        Synth.NonDnsEgress(synthesized.Policy).SelectMany(r => r.To!).Select(p => p.IpBlock!.Cidr)
            .Should().Equal("198.51.100.0/24", "203.0.113.7/32", "2001:db8:1:2::/64");
        synthesized.ExternalDnsNames["198.51.100.0/24"].Should().Equal("n1.example.com", "n2.example.com", "n3.example.com", "n4.example.com", "n5.example.com");
    }

    [Fact]
    public void Few_external_addresses_stay_single_addresses()
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToExternal("198.51.100.1"), 443), Entry(ToExternal("198.51.100.2"), 443)]);

        Synth.NonDnsEgress(Synth.Single(traffic)).SelectMany(r => r.To!).Select(p => p.IpBlock!.Cidr).Should().Equal("198.51.100.1/32", "198.51.100.2/32");
    }

    [Fact]
    public void Dns_names_of_external_peers_are_annotated_as_sorted_json()
    {
        var traffic = Observed(Workload("shop", "web"), egress:
        [
            Entry(ToExternal("203.0.113.7", "b.example.com", "a.example.com"), 443),
            Entry(ToExternal("2001:db8::1", "v6.example.com"), 443),
            Entry(ToExternal("198.51.100.1"), 80),
        ]);

        var annotation = Synth.Single(traffic).Metadata.Annotations![PolicyNaming.DnsNamesAnnotation];

        annotation.Should().Be("""{"2001:db8::1/128":["v6.example.com"],"203.0.113.7/32":["a.example.com","b.example.com"]}""");
        JsonDocument.Parse(annotation).RootElement.EnumerateObject().Should().HaveCount(2);
    }
}
