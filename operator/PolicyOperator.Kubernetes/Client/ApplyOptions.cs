namespace PolicyOperator.Kubernetes.Client;

/// <summary>Server-side apply: who owns the applied fields, and whether to take them from other managers.</summary>
/// <param name="FieldManager">The manager name, for example <c>policy-operator</c>.</param>
/// <param name="Force">Take over fields another manager owns instead of failing with a conflict.</param>
public sealed record ApplyOptions(string FieldManager, bool Force = false);
