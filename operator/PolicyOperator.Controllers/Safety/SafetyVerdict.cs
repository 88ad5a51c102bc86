using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Controllers.Safety;

/// <summary>The safety check as stored in status, with the reason and message of its condition.</summary>
public sealed record SafetyVerdict(SafetyCheck Check, string Reason, string Message)
{
    public const string AllFlowsAllowed = "AllFlowsAllowed";
    public const string WouldDenyObservedTraffic = "WouldDenyObservedTraffic";
    public const string UnverifiableTraffic = "UnverifiableTraffic";
    public const string ProtectedNamespace = "ProtectedNamespace";
    public const string NothingProposed = "NothingProposed";

    public bool Passed => Check.Result == SafetyCheckResult.Passed;
}
