namespace PolicyOperator.Controllers.Enforcement;

/// <summary>Whether the current revision goes into the cluster now, why (the Applied condition's reason), and when to look again.</summary>
/// <param name="Apply">True to apply the current revision.</param>
/// <param name="Reason">CamelCase reason.</param>
/// <param name="Message">What a person reads.</param>
/// <param name="RecheckAt">When waiting ends (a window closes), or null.</param>
public sealed record EnforcementDecision(bool Apply, string Reason, string Message, DateTimeOffset? RecheckAt = null)
{
    public const string Approved = "Approved";
    public const string Enforced = "Enforced";
    public const string ObserveOnly = "ObserveOnly";
    public const string OperatorNotEnforcing = "OperatorNotEnforcing";
    public const string AwaitingApproval = "AwaitingApproval";
    public const string Rejected = "Rejected";
    public const string Learning = "Learning";
    public const string Stabilizing = "Stabilizing";
    public const string SafetyCheckFailed = "SafetyCheckFailed";
    public const string PeerObservationsOnly = "PeerObservationsOnly";
}
