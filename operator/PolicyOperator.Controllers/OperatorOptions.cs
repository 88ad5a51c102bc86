using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Controllers;

/// <summary>How the operator runs: what it may do at most, where it lives, how often it looks again.</summary>
public sealed record OperatorOptions
{
    /// <summary>
    /// The most any PolicyGenerator may do (the <c>--mode</c> flag): a Propose-mode operator never writes
    /// NetworkPolicies, whatever a generator says, because its RBAC does not allow it.
    /// </summary>
    public GeneratorMode Mode { get; init; } = GeneratorMode.Propose;

    /// <summary>The operator's own namespace: never isolated, so that it keeps its access to the API server.</summary>
    public string OperatorNamespace { get; init; } = "policy-system";

    /// <summary>Namespaces whose workloads are never isolated (kube-system holds the cluster DNS and the control plane).</summary>
    public IReadOnlySet<string> ProtectedNamespaces { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "kube-system" };

    /// <summary>How often a proposal is reconciled without a change (time-based enforcement, drift against new inventory).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The mode used where no PolicyGenerator selects a namespace.</summary>
    public GeneratorMode DefaultGeneratorMode { get; init; } = GeneratorMode.Propose;

    /// <summary>The longest list of flows (denied, drifted) kept in a status; counts are always complete.</summary>
    public int MaxListedFlows { get; init; } = 20;

    /// <summary>This replica in Events and the leader lease (the pod name).</summary>
    public string Identity { get; init; } = Environment.MachineName;

    /// <summary>Reconciles running at once.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>The reporting controller named in Events.</summary>
    public string ControllerName { get; init; } = "policyoperator.io/operator";

    /// <summary>True when the namespace's workloads must never be isolated.</summary>
    public bool IsProtected(string ns) => ns == OperatorNamespace || ProtectedNamespaces.Contains(ns);
}
