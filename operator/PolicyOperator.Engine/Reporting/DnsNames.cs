namespace PolicyOperator.Engine.Reporting;

/// <summary>How reports spell and compare DNS names: lower case, without the root dot.</summary>
public static class DnsNames
{
    /// <summary>The name in lower case without a trailing dot.</summary>
    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// True when <paramref name="name"/> matches <paramref name="pattern"/>: equal, or for a
    /// <c>*.suffix</c> pattern any name below the suffix (not the suffix itself, as in Cilium's matchPattern).
    /// </summary>
    public static bool Matches(string pattern, string name)
    {
        var p = Normalize(pattern);
        var n = Normalize(name);
        return p.StartsWith("*.", StringComparison.Ordinal)
            ? n.EndsWith(p[1..], StringComparison.Ordinal) && n.Length > p.Length - 1
            : p == n;
    }
}
