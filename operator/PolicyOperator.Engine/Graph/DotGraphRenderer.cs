using System.Text;

namespace PolicyOperator.Engine.Graph;

/// <summary>Renders the dependency map as Graphviz DOT: one cluster per namespace.</summary>
public static class DotGraphRenderer
{
    /// <summary>The DOT text.</summary>
    public static string Render(DependencyGraph graph)
    {
        var dot = new StringBuilder();
        dot.AppendLine("digraph dependencies {");
        dot.AppendLine("  rankdir=LR;");
        dot.AppendLine("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];");
        dot.AppendLine("  edge [fontname=\"Helvetica\", fontsize=10];");
        foreach (var group in graph.Groups)
        {
            dot.AppendLine($"  subgraph {Quote("cluster_" + group)} {{");
            dot.AppendLine($"    label={Quote(group)};");
            foreach (var node in graph.Nodes.Where(n => n.Group == group))
            {
                dot.AppendLine($"    {Quote(node.Id)} [label={Quote(node.Label)}, fillcolor={Quote(GraphPalette.Fill(node.Kind))}];");
            }

            dot.AppendLine("  }");
        }

        foreach (var edge in graph.Edges)
        {
            var style = edge.Denied
                ? $", color={Quote(GraphPalette.Denied)}, fontcolor={Quote(GraphPalette.Denied)}, style=dashed, penwidth=2"
                : edge.CrossNamespace ? $", color={Quote(GraphPalette.CrossNamespace)}, penwidth=2" : string.Empty;
            dot.AppendLine($"  {Quote(edge.From)} -> {Quote(edge.To)} [label={Quote(edge.Label)}{style}];");
        }

        dot.AppendLine("}");
        return dot.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
