namespace PolicyOperator.Engine.Reporting;

/// <summary>Settings shared by the reports.</summary>
public sealed record ReportOptions
{
    /// <summary>The default <see cref="EnvironmentLabelKeys"/>: <c>environment</c>, then <c>env</c>.</summary>
    public static IReadOnlyList<string> DefaultEnvironmentLabelKeys { get; } = ["environment", "env"];

    /// <summary>The cluster DNS domain: names under it are internal.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// Namespace label keys that name an environment, tried in order; the first one a namespace
    /// carries is its environment. Cross-namespace traffic between differing environments is flagged.
    /// </summary>
    public IReadOnlyList<string> EnvironmentLabelKeys { get; init; } = DefaultEnvironmentLabelKeys;

    /// <summary>The Service that fronts the API server, matched by the <c>kubernetes.default.svc</c> target.</summary>
    public string ApiServerService { get; init; } = "default/kubernetes";
}
