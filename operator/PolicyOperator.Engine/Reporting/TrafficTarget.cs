using System.Net;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// What <c>--to</c> and <c>--from</c> name: a DNS name (<c>s3.amazonaws.com</c>), a wildcard
/// (<c>*.amazonaws.com</c>), an address or CIDR (<c>52.216.0.0/15</c>), a workload
/// (<c>shop/cart</c>, <c>shop/*</c>), or the API server (<c>kubernetes.default.svc</c>, also
/// <c>kubernetes.default</c> and the full cluster name).
/// </summary>
public sealed record TrafficTarget
{
    public required TargetKind Kind { get; init; }

    /// <summary>The text as given.</summary>
    public required string Text { get; init; }

    /// <summary>The name, pattern or CIDR, normalized; for a workload, its name (or <c>*</c>).</summary>
    public required string Value { get; init; }

    /// <summary>The namespace of a workload target.</summary>
    public string? Namespace { get; init; }

    /// <summary>Parses a target.</summary>
    /// <exception cref="FormatException">The text is none of the accepted forms; the message says which forms are.</exception>
    public static TrafficTarget Parse(string text, ReportOptions options)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"target '{text}': expected a DNS name, *.suffix, an address or CIDR, namespace/workload, or kubernetes.default.svc");
        }

        if (NetworkAddresses.TryParseNetwork(trimmed, out var network))
        {
            return new TrafficTarget { Kind = TargetKind.Cidr, Text = text, Value = network.Value.ToString() };
        }

        if (trimmed.Contains('/', StringComparison.Ordinal))
        {
            var parts = trimmed.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || IPAddress.TryParse(parts[0], out _))
            {
                throw new FormatException($"target '{text}': not a CIDR, and not namespace/workload (expected one '/' between two non-empty names)");
            }

            return new TrafficTarget { Kind = TargetKind.Workload, Text = text, Value = parts[1], Namespace = parts[0] };
        }

        var name = DnsNames.Normalize(trimmed);
        var domain = DnsNames.Normalize(options.ClusterDomain);
        var (apiNamespace, apiName) = SplitService(options.ApiServerService);
        var apiNames = new[] { $"{apiName}.{apiNamespace}", $"{apiName}.{apiNamespace}.svc", $"{apiName}.{apiNamespace}.svc.{domain}" };
        if (apiNames.Contains(name, StringComparer.Ordinal))
        {
            return new TrafficTarget { Kind = TargetKind.ApiServer, Text = text, Value = $"{apiNamespace}/{apiName}" };
        }

        return name.StartsWith("*.", StringComparison.Ordinal) && name.Length > 2 && !name[2..].Contains('*', StringComparison.Ordinal)
            ? new TrafficTarget { Kind = TargetKind.DnsWildcard, Text = text, Value = name }
            : !name.Contains('*', StringComparison.Ordinal)
                ? new TrafficTarget { Kind = TargetKind.DnsName, Text = text, Value = name }
                : throw new FormatException($"target '{text}': a wildcard is only allowed as a leading '*.' (for example *.amazonaws.com)");
    }

    /// <summary>Splits <c>namespace/name</c>.</summary>
    internal static (string Namespace, string Name) SplitService(string service)
    {
        var slash = service.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (service[..slash], service[(slash + 1)..]) : ("default", service);
    }

    public override string ToString() => Text;
}
