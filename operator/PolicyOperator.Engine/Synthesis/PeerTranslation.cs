namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// What a traffic peer becomes: policy peers, or nothing because it is always allowed
/// (<see cref="ImplicitReason"/>), or nothing because it cannot be resolved (<see cref="Problem"/>).
/// </summary>
internal sealed record PeerTranslation(IReadOnlyList<TranslatedPeer> Peers, string Observed, string? ImplicitReason = null, string? Problem = null)
{
    public static PeerTranslation Unresolved(string observed, string problem) => new([], observed, Problem: problem);
}
