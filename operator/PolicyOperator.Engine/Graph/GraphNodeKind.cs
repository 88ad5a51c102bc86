namespace PolicyOperator.Engine.Graph;

/// <summary>What a node of the dependency map stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>A workload (Deployment, StatefulSet, ...), grouped by its namespace.</summary>
    Workload,

    /// <summary>A Service whose backend workload is unknown (for example a selectorless Service).</summary>
    Service,

    /// <summary>A node or the host network.</summary>
    Node,

    /// <summary>An address outside the cluster, labelled by the DNS names it was reached by.</summary>
    External,
}
