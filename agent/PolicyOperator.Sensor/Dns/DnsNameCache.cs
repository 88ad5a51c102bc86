using System.Net;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Sensor.Dns;

/// <summary>
/// Which names each IP address was resolved from, per network namespace, until the answers' TTLs
/// run out: a later connection to the address carries those names. A CNAME chain gives the address
/// every name along it (the name asked for, and the canonical name). Not thread-safe: one writer.
/// </summary>
public sealed class DnsNameCache(TimeProvider? time = null)
{
    private const int MaxChain = 16;
    private const int PruneThreshold = 4096;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<(uint Netns, UInt128 Address), Dictionary<string, DateTimeOffset>> _names = [];

    /// <summary>Changes whenever names are added, so that holders can skip unchanged lookups.</summary>
    public long Version { get; private set; }

    /// <summary>Addresses held (including expired ones not yet pruned).</summary>
    public int Count => _names.Count;

    /// <summary>Takes the A and AAAA answers of a response seen arriving in namespace <paramref name="netns"/>.</summary>
    public void Record(uint netns, DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsResponse || message.ResponseCode != 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_names.Count > PruneThreshold)
        {
            Prune(now);
        }

        foreach (var answer in message.Answers)
        {
            if (answer.Address is null)
            {
                continue;
            }

            var key = (netns, KernelAddress.ToNumber(answer.Address));
            if (!_names.TryGetValue(key, out var names))
            {
                names = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                _names[key] = names;
            }

            foreach (var (name, ttl) in NamesLeadingTo(message, answer))
            {
                var expires = now + TimeSpan.FromSeconds(ttl);
                if (!names.TryGetValue(name, out var known) || known < expires)
                {
                    names[name] = expires;
                }
            }
        }

        Version++;
    }

    /// <summary>The names <paramref name="address"/> was resolved from in <paramref name="netns"/>, still valid now.</summary>
    public IReadOnlyList<string> Lookup(uint netns, IPAddress address) => Lookup(netns, KernelAddress.ToNumber(address));

    /// <summary>The same, for an address as the kernel's 16-byte field.</summary>
    public IReadOnlyList<string> Lookup(uint netns, UInt128 address)
    {
        if (!_names.TryGetValue((netns, address), out var names))
        {
            return [];
        }

        var now = _time.GetUtcNow();
        var valid = new List<string>(names.Count);
        foreach (var (name, expires) in names)
        {
            if (expires >= now)
            {
                valid.Add(name);
            }
        }

        valid.Sort(StringComparer.Ordinal);
        return valid;
    }

    /// <summary>The answer's owner, then each name whose CNAME points (through others) to it, with the least TTL on the way.</summary>
    private static IEnumerable<(string Name, uint Ttl)> NamesLeadingTo(DnsMessage message, DnsAnswer answer)
    {
        var name = answer.Name;
        var ttl = answer.Ttl;
        yield return (name, ttl);
        for (var step = 0; step < MaxChain; step++)
        {
            var alias = message.Answers.FirstOrDefault(a => a.Type == DnsRecordType.Cname && string.Equals(a.Target, name, StringComparison.Ordinal));
            if (alias is null)
            {
                yield break;
            }

            name = alias.Name;
            ttl = Math.Min(ttl, alias.Ttl);
            yield return (name, ttl);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, names) in _names.ToList())
        {
            foreach (var (name, expires) in names.ToList())
            {
                if (expires < now)
                {
                    names.Remove(name);
                }
            }

            if (names.Count == 0)
            {
                _names.Remove(key);
            }
        }
    }
}
