using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Observation.Attribution;

/// <summary>The local end of a flow: the workload whose traffic it is, where one is known.</summary>
/// <param name="Kind">What the local end is.</param>
/// <param name="Workload">The workload the flow is recorded for; null when none is (an unknown pod, a node process in a cluster).</param>
/// <param name="Pod">The pod's name, for pods.</param>
/// <param name="Container">The container's name, where the pod's status names it.</param>
/// <param name="Reason">Why no workload is known, when <paramref name="Workload"/> is null.</param>
public sealed record LocalEndpoint(LocalEndpointKind Kind, WorkloadReference? Workload, string? Pod = null, string? Container = null, string? Reason = null);
