using System.Net;
using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Observation.Recording;
using Xunit;

namespace PolicyOperator.Agent.Tests.Observation;

public sealed class TrafficRecorderTests
{
    [Fact]
    public void Flows_to_one_peer_and_port_merge_into_one_entry_with_summed_counts_processes_and_samples()
    {
        var recorder = new TrafficRecorder(TrafficLimits.Default);

        var traffic = recorder.Record(
        [
            TrafficSamples.ToWorkload("db", 5432, connections: 2, comm: "app"),
            TrafficSamples.ToWorkload("db", 5432, connections: 3, comm: "worker"),
            TrafficSamples.ToWorkload("db", 5432, connections: 1, comm: "app"),
        ]);

        var entry = traffic.Should().ContainSingle().Subject.Spec.Egress.Should().ContainSingle().Subject;
        entry.Connections.Should().Be(6);
        entry.BytesSent.Should().Be(600);
        entry.BytesReceived.Should().Be(1200);
        entry.LastSeen.Should().Be(TrafficSamples.Start.AddSeconds(3));
        entry.Processes.Select(p => (p.Comm, p.Count)).Should().BeEquivalentTo([("app", 3L), ("worker", 3L)]);
        entry.Samples.Should().ContainSingle("equal samples are kept once");
        traffic[0].Metadata.Name.Should().Be("web-deployment-node-1");
        traffic[0].Metadata.Labels.Should().Contain(TrafficRecorder.NodeLabel, "node-1");
    }

    [Fact]
    public void External_peers_beyond_the_limit_are_grouped_into_cidrs_and_counted_in_status()
    {
        var recorder = new TrafficRecorder(TrafficLimits.Default with { MaxExternalPeers = 4 });
        var flows = Enumerable.Range(1, 50).Select(i => TrafficSamples.ToExternal(IPAddress.Parse($"203.0.113.{i}"), names: $"host{i}.example.com"))
            .Append(TrafficSamples.ToExternal(IPAddress.Parse("198.51.100.7"), names: "api.example.com"));

        var traffic = recorder.Record(flows).Single();

        traffic.Spec.Egress.Select(e => e.Peer.External!.Cidr).Should().BeEquivalentTo(["203.0.113.0/24", "198.51.100.7/32"]);
        var grouped = traffic.Spec.Egress.Single(e => e.Peer.External!.Cidr == "203.0.113.0/24");
        grouped.Peer.External!.Addresses.Should().Be(50);
        grouped.Connections.Should().Be(50, "no connection is lost by grouping");
        grouped.Peer.External.DnsNames.Should().HaveCount(TrafficLimits.Default.MaxDnsNames);
        traffic.Status!.GroupedAddresses.Should().Be(50);
        traffic.Status.MergedEntries.Should().Be(49);
        traffic.Status.DroppedEntries.Should().Be(0);
    }

    [Fact]
    public void An_object_past_its_size_bound_loses_samples_then_its_smallest_entries_and_says_so()
    {
        var limits = TrafficLimits.Default with { MaxBytes = 16 * 1024, MaxExternalPeers = 10_000 };
        var recorder = new TrafficRecorder(limits);
        var flows = Enumerable.Range(0, 400).Select(i => TrafficSamples.ToWorkload($"peer-{i}", 8000 + i, connections: i + 1));

        var traffic = recorder.Record(flows).Single();

        TrafficBounds.Size(traffic).Should().BeLessThanOrEqualTo(limits.MaxBytes);
        traffic.Spec.Egress.Should().OnlyContain(e => e.Samples.Count == 0);
        traffic.Status!.DroppedEntries.Should().Be(400 - traffic.Spec.Egress.Count);
        traffic.Spec.Egress.Min(e => e.Connections).Should().BeGreaterThan(traffic.Status.DroppedEntries, "the entries with the fewest connections go first");
        traffic.Status.Conditions.Should().ContainSingle(c => c.Type == TrafficBounds.TruncatedCondition && c.Status == "True");
    }

    [Fact]
    public void The_default_bound_keeps_a_busy_workload_within_256_KiB()
    {
        var recorder = new TrafficRecorder(TrafficLimits.Default);
        var flows = Enumerable.Range(0, 2000).Select(i => TrafficSamples.ToWorkload($"peer-{i % 700}", 1000 + (i % 3)))
            .Concat(Enumerable.Range(0, 5000).Select(i => TrafficSamples.ToExternal(IPAddress.Parse($"100.{64 + (i / 250)}.{i % 250}.1"))));

        var traffic = recorder.Record(flows).Single();

        TrafficBounds.Size(traffic).Should().BeLessThanOrEqualTo(256 * 1024);
        traffic.Spec.Egress.Where(e => e.Peer.Type == PeerType.External).Sum(e => e.Connections).Should().Be(5000, "external peers are grouped, not dropped");
    }
}
