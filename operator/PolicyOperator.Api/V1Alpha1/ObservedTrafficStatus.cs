using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>What the writer could not fit or attribute: overflow is recorded here, never silently dropped.</summary>
public sealed record ObservedTrafficStatus
{
    public long? ObservedGeneration { get; init; }

    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>Entries merged into coarser ones to keep the object within its size bound.</summary>
    public long MergedEntries { get; init; }

    /// <summary>External addresses grouped into wider CIDRs.</summary>
    public long GroupedAddresses { get; init; }

    /// <summary>Entries that could not be kept at all (counted, with the reason in a condition).</summary>
    public long DroppedEntries { get; init; }

    /// <summary>Flows whose local or remote side could not be attributed.</summary>
    public long UnattributedFlows { get; init; }

    public DateTimeOffset? LastReportTime { get; init; }
}
