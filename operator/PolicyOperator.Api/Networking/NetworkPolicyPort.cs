using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Networking;

/// <summary>
/// A port: protocol (default TCP), a number or a named port (resolved on the destination pod), and
/// an optional <see cref="EndPort"/> making a numeric range.
/// </summary>
public sealed record NetworkPolicyPort
{
    public string? Protocol { get; init; }

    public IntOrString? Port { get; init; }

    public int? EndPort { get; init; }
}
