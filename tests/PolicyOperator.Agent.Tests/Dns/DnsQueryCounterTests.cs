using System.Net;
using FluentAssertions;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Dns;

public sealed class DnsQueryCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Questions_sent_and_answers_received_are_counted_per_asker_name_and_type_and_a_servers_side_is_not()
    {
        var counter = new DnsQueryCounter();
        counter.Record(Message(cgroup: 7, FlowDirection.Egress, response: false, "api.example.test", at: Start));
        counter.Record(Message(cgroup: 7, FlowDirection.Egress, response: false, "api.example.test", at: Start.AddSeconds(1)));
        counter.Record(Message(cgroup: 7, FlowDirection.Ingress, response: true, "api.example.test", at: Start.AddSeconds(2), rcode: 0, IPAddress.Parse("192.0.2.10")));
        counter.Record(Message(cgroup: 7, FlowDirection.Ingress, response: true, "missing.example.test", at: Start.AddSeconds(3), rcode: 3));
        counter.Record(Message(cgroup: 9, FlowDirection.Ingress, response: false, "api.example.test", at: Start)); // the server receiving a question
        counter.Record(Message(cgroup: 9, FlowDirection.Egress, response: true, "api.example.test", at: Start, rcode: 0)); // and answering it

        var tallies = counter.Snapshot();

        tallies.Should().HaveCount(2).And.OnlyContain(t => t.CgroupId == 7);
        var api = tallies.Single(t => t.Name == "api.example.test");
        api.Should().BeEquivalentTo(new { QueryType = "A", Queries = 2, Answers = new[] { "192.0.2.10" }, FirstSeen = Start, LastSeen = Start.AddSeconds(2) });
        api.Responses.Should().Equal(new Dictionary<string, long> { ["NOERROR"] = 1 });
        tallies.Single(t => t.Name == "missing.example.test").Responses.Should().Equal(new Dictionary<string, long> { ["NXDOMAIN"] = 1 });
    }

    [Fact]
    public void Beyond_its_bound_new_names_are_counted_as_dropped_and_known_ones_still_counted()
    {
        var counter = new DnsQueryCounter();
        for (var i = 0; i < DnsQueryCounter.MaxEntries + 3; i++)
        {
            counter.Record(Message(cgroup: 7, FlowDirection.Egress, response: false, $"n{i}.example.test", at: Start));
        }

        counter.Record(Message(cgroup: 7, FlowDirection.Egress, response: false, "n0.example.test", at: Start));

        counter.Dropped.Should().Be(3);
        var tallies = counter.Snapshot();
        tallies.Should().HaveCount(DnsQueryCounter.MaxEntries);
        tallies.Single(t => t.Name == "n0.example.test").Queries.Should().Be(2);
    }

    private static DnsObservation Message(ulong cgroup, FlowDirection direction, bool response, string name, DateTimeOffset at, int rcode = 0, params IPAddress[] answers) =>
        new(cgroup, 4026531840, 42, direction, FlowProtocol.Udp, IPAddress.Parse("10.0.0.1"), 40000, IPAddress.Parse("10.0.0.53"), 53, at, new DnsMessage
        {
            Id = 1,
            IsResponse = response,
            ResponseCode = rcode,
            Questions = [new DnsQuestion(name, DnsRecordType.A)],
            Answers = [.. answers.Select(a => new DnsAnswer(name, DnsRecordType.A, 30, a, null))],
        });
}
