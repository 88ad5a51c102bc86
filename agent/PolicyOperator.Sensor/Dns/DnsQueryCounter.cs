using System.Globalization;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Sensor.Dns;

/// <summary>
/// Counts the DNS questions each socket owner asks and the answers it receives, per name and type,
/// since the sensor started (cumulative, like the flow counters, so that a round that cannot be
/// written loses nothing). Questions a DNS server receives and the answers it sends are not its own
/// questions and are not counted. At most <see cref="MaxEntries"/> (owner, name, type) entries:
/// beyond that, new ones are counted in <see cref="Dropped"/>. Not thread-safe (the sensor locks).
/// </summary>
public sealed class DnsQueryCounter
{
    /// <summary>Entries kept: one per asking cgroup, name and type.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Answer addresses kept per entry.</summary>
    public const int MaxAnswers = 16;

    private readonly Dictionary<(ulong Cgroup, uint Netns, string Name, string Type), Tally> _tallies = [];

    /// <summary>Questions and answers not counted because <see cref="MaxEntries"/> was reached.</summary>
    public long Dropped { get; private set; }

    /// <summary>Counts <paramref name="observation"/> if it is a question sent or an answer received.</summary>
    public void Record(DnsObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var message = observation.Message;
        var asked = observation.Direction == Aggregation.FlowDirection.Egress && !message.IsResponse;
        var answered = observation.Direction == Aggregation.FlowDirection.Ingress && message.IsResponse;
        if ((!asked && !answered) || message.Questions.Count == 0)
        {
            return;
        }

        var question = message.Questions[0];
        var key = (observation.CgroupId, observation.NetnsInode, question.Name, TypeName(question.Type));
        if (!_tallies.TryGetValue(key, out var tally))
        {
            if (_tallies.Count >= MaxEntries)
            {
                Dropped++;
                return;
            }

            _tallies[key] = tally = new Tally(observation.Pid, observation.Time);
        }

        tally.LastSeen = observation.Time > tally.LastSeen ? observation.Time : tally.LastSeen;
        if (asked)
        {
            tally.Queries++;
            return;
        }

        var rcode = DnsResponseCodes.Name(message.ResponseCode);
        tally.Responses[rcode] = tally.Responses.GetValueOrDefault(rcode) + 1;
        foreach (var answer in message.Answers)
        {
            if (answer.Address is { } address && tally.Answers.Count < MaxAnswers)
            {
                tally.Answers.Add((address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
            }
        }
    }

    /// <summary>Every entry, with its totals so far.</summary>
    public IReadOnlyList<DnsQueryTally> Snapshot() =>
        [.. _tallies.Select(t => new DnsQueryTally
        {
            CgroupId = t.Key.Cgroup,
            NetnsInode = t.Key.Netns,
            Pid = t.Value.Pid,
            Name = t.Key.Name,
            QueryType = t.Key.Type,
            Queries = t.Value.Queries,
            Responses = new SortedDictionary<string, long>(t.Value.Responses, StringComparer.Ordinal),
            Answers = [.. t.Value.Answers],
            FirstSeen = t.Value.FirstSeen,
            LastSeen = t.Value.LastSeen,
        })];

    /// <summary>The record type's name as DNS tools print it.</summary>
    public static string TypeName(DnsRecordType type) => type switch
    {
        DnsRecordType.A => "A",
        DnsRecordType.Aaaa => "AAAA",
        DnsRecordType.Cname => "CNAME",
        _ => "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture),
    };

    private sealed class Tally(int pid, DateTimeOffset firstSeen)
    {
        public int Pid { get; } = pid;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public long Queries { get; set; }

        public Dictionary<string, long> Responses { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Answers { get; } = new(StringComparer.Ordinal);
    }
}
