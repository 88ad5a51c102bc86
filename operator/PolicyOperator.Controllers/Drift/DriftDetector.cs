using PolicyOperator.Controllers.Safety;

namespace PolicyOperator.Controllers.Drift;

/// <summary>
/// Drift: observed traffic that the policies in force do not allow (new traffic since the policies were
/// applied). The replay is the safety check's, against what is in the cluster now. Pure.
/// </summary>
public static class DriftDetector
{
    public static bool IsDrifted(ReplayOutcome? outcome) => outcome is { Denied: > 0 };

    public static string Describe(ReplayOutcome outcome) => outcome.Denied == 0
        ? $"all {outcome.Replayed} observed flow(s) are allowed by the applied policies"
        : $"{outcome.Denied} of {outcome.Replayed} observed flow(s) are not allowed by the applied policies, for example "
          + string.Join("; ", outcome.Listed.Take(3).Select(SafetyChecker.Text))
          + "; a new revision is proposed from them";
}
