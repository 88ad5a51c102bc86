namespace PolicyOperator.Engine.Synthesis;

/// <summary>Something the synthesis could not turn into a rule, said plainly so that nothing is lost silently.</summary>
/// <param name="Subject">The workload or entry concerned, for example <c>shop/web[Deployment] egress</c>.</param>
/// <param name="Message">What could not be resolved and why.</param>
public sealed record SynthesisFinding(string Subject, string Message)
{
    public override string ToString() => $"{Subject}: {Message}";
}
