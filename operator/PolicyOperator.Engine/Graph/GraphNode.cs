namespace PolicyOperator.Engine.Graph;

/// <summary>A node of the dependency map.</summary>
/// <param name="Id">Stable identity, for example <c>shop/web[Deployment]</c> or <c>external:203.0.113.7/32</c>.</param>
/// <param name="Label">What is shown: the workload name, or the DNS names of an external peer.</param>
/// <param name="Group">The namespace for in-cluster nodes; <c>External</c> or <c>Nodes</c> otherwise.</param>
/// <param name="Kind">What the node stands for.</param>
public sealed record GraphNode(string Id, string Label, string Group, GraphNodeKind Kind);
