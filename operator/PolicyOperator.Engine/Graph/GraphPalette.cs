namespace PolicyOperator.Engine.Graph;

/// <summary>The colours every renderer uses, so DOT, Mermaid and HTML look alike.</summary>
public static class GraphPalette
{
    /// <summary>Edges between namespaces.</summary>
    public const string CrossNamespace = "#ea580c";

    /// <summary>Edges a verification found denied.</summary>
    public const string Denied = "#dc2626";

    /// <summary>Ordinary edges.</summary>
    public const string Edge = "#475569";

    /// <summary>The fill of a node of each kind.</summary>
    public static string Fill(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Workload => "#bfdbfe",
        GraphNodeKind.Service => "#ddd6fe",
        GraphNodeKind.Node => "#e5e7eb",
        _ => "#bbf7d0",
    };
}
