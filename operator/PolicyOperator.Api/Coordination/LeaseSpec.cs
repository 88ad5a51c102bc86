using System.Text.Json.Serialization;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Coordination;

/// <summary>Who holds a <see cref="Lease"/>, since when, and for how long.</summary>
public sealed record LeaseSpec
{
    /// <summary>The identity of the holder; empty or null when the lease is free.</summary>
    public string? HolderIdentity { get; init; }

    /// <summary>How long after <see cref="RenewTime"/> the lease is still held.</summary>
    public int? LeaseDurationSeconds { get; init; }

    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; init; }

    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>How many times the lease changed hands.</summary>
    public int? LeaseTransitions { get; init; }
}
