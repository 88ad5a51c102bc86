namespace PolicyOperator.Ingest.Traffic;

/// <summary>Flows of a file left out on purpose (replies, drops, ICMP, ...), counted by reason.</summary>
/// <param name="File">The file.</param>
/// <param name="Reason">Why they are not traffic a policy must allow.</param>
/// <param name="Count">How many.</param>
public sealed record SkippedFlows(string File, string Reason, int Count)
{
    public override string ToString() => $"{File}: skipped {Count} flow(s): {Reason}";
}
