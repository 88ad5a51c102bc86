using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>One DNS question or answer seen for a workload, before aggregation.</summary>
/// <param name="Node">The node that observed it.</param>
/// <param name="Cluster">The cluster, where the source names it.</param>
/// <param name="Workload">The workload that asked.</param>
/// <param name="Pod">The pod that asked.</param>
/// <param name="Name">The name asked for, lower case without the root dot.</param>
/// <param name="QueryType">A, AAAA, ... (the first question type).</param>
/// <param name="Rcode">Null for a question; for an answer its rcode name (NOERROR, NXDOMAIN, ...).</param>
/// <param name="Answers">The addresses an answer carried.</param>
internal sealed record DnsObservation(
    string Node,
    string? Cluster,
    WorkloadReference Workload,
    string? Pod,
    string Name,
    string QueryType,
    string? Rcode,
    IReadOnlyList<string> Answers);
