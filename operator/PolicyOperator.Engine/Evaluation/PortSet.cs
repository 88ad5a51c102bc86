namespace PolicyOperator.Engine.Evaluation;

/// <summary>An immutable set of ports 1-65535 of one protocol, as sorted disjoint inclusive ranges.</summary>
public sealed class PortSet : IEquatable<PortSet>
{
    /// <summary>The lowest port.</summary>
    public const int MinPort = 1;

    /// <summary>The highest port.</summary>
    public const int MaxPort = 65535;

    private readonly (int Start, int End)[] _ranges;

    private PortSet((int Start, int End)[] ranges) => _ranges = ranges;

    /// <summary>No port.</summary>
    public static PortSet None { get; } = new([]);

    /// <summary>Every port.</summary>
    public static PortSet All { get; } = new([(MinPort, MaxPort)]);

    /// <summary>The ranges, sorted and disjoint.</summary>
    public IReadOnlyList<(int Start, int End)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public bool IsAll => _ranges.Length == 1 && _ranges[0] == (MinPort, MaxPort);

    /// <summary>The ports <paramref name="start"/> to <paramref name="end"/> (clamped to 1-65535).</summary>
    public static PortSet Range(int start, int end)
    {
        start = Math.Max(start, MinPort);
        end = Math.Min(end, MaxPort);
        return start > end ? None : new([(start, end)]);
    }

    public bool Contains(int port)
    {
        foreach (var (start, end) in _ranges)
        {
            if (port < start)
            {
                return false;
            }

            if (port <= end)
            {
                return true;
            }
        }

        return false;
    }

    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty || IsAll)
        {
            return this;
        }

        if (IsEmpty || other.IsAll)
        {
            return other;
        }

        var all = _ranges.Concat(other._ranges).OrderBy(r => r.Start).ToList();
        var merged = new List<(int Start, int End)> { all[0] };
        foreach (var range in all.Skip(1))
        {
            var last = merged[^1];
            if (range.Start <= last.End + 1)
            {
                merged[^1] = (last.Start, Math.Max(last.End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return new([.. merged]);
    }

    public PortSet Intersect(PortSet other)
    {
        var result = new List<(int Start, int End)>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var start = Math.Max(_ranges[i].Start, other._ranges[j].Start);
            var end = Math.Min(_ranges[i].End, other._ranges[j].End);
            if (start <= end)
            {
                result.Add((start, end));
            }

            if (_ranges[i].End < other._ranges[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result.Count == 0 ? None : new([.. result]);
    }

    public PortSet Subtract(PortSet other) => Intersect(other.Complement());

    public PortSet Complement()
    {
        var result = new List<(int Start, int End)>();
        var next = MinPort;
        foreach (var (start, end) in _ranges)
        {
            if (start > next)
            {
                result.Add((next, start - 1));
            }

            next = end + 1;
        }

        if (next <= MaxPort)
        {
            result.Add((next, MaxPort));
        }

        return new([.. result]);
    }

    public bool Equals(PortSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as PortSet);

    public override int GetHashCode() => _ranges.Length == 0 ? 0 : HashCode.Combine(_ranges.Length, _ranges[0], _ranges[^1]);

    /// <summary><c>80,443,8000-8080</c>.</summary>
    public override string ToString() =>
        string.Join(',', _ranges.Select(r => r.Start == r.End ? $"{r.Start}" : $"{r.Start}-{r.End}"));
}
