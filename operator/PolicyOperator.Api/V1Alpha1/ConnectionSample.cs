namespace PolicyOperator.Api.V1Alpha1;

/// <summary>One concrete connection as this node saw it (before or after NAT, as recorded).</summary>
public sealed record ConnectionSample
{
    public required string SourceIp { get; init; }

    public required int SourcePort { get; init; }

    public required string DestinationIp { get; init; }

    public required int DestinationPort { get; init; }

    /// <summary>The address the client dialled before DNAT (a ClusterIP), where it differs.</summary>
    public string? OriginalDestinationIp { get; init; }

    public int? OriginalDestinationPort { get; init; }

    public required DateTimeOffset Time { get; init; }
}
