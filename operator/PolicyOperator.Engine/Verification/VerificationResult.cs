namespace PolicyOperator.Engine.Verification;

/// <summary>The replay of observed flows against policies.</summary>
/// <param name="Flows">How many flows were evaluated.</param>
/// <param name="Denied">The flows the policies deny, in input order.</param>
/// <param name="Unattributed">The entries that could not be evaluated.</param>
public sealed record VerificationResult(int Flows, IReadOnlyList<DeniedFlow> Denied, IReadOnlyList<UnattributedFlow> Unattributed)
{
    /// <summary>True when every entry was evaluated and allowed.</summary>
    public bool AllAllowed => Denied.Count == 0 && Unattributed.Count == 0;
}
