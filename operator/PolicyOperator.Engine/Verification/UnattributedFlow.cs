namespace PolicyOperator.Engine.Verification;

/// <summary>A traffic entry that could not be made into a flow, with the reason: reported, never dropped silently.</summary>
/// <param name="Origin">The entry's place: <c>namespace/name spec.ingress[0]</c>.</param>
/// <param name="Reason">What is missing.</param>
public sealed record UnattributedFlow(string Origin, string Reason)
{
    public override string ToString() => $"{Origin}: {Reason}";
}
