using System.Globalization;
using System.Text;

namespace PolicyOperator.Engine.Graph;

/// <summary>Renders the dependency map as a Mermaid flowchart (for Markdown in pull requests).</summary>
public static class MermaidGraphRenderer
{
    /// <summary>The Mermaid text.</summary>
    public static string Render(DependencyGraph graph)
    {
        // Mermaid ids must be simple: number the nodes in their canonical order.
        var ids = graph.Nodes.Select((n, i) => (n.Id, Short: "n" + i.ToString(CultureInfo.InvariantCulture))).ToDictionary(x => x.Id, x => x.Short, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.AppendLine("flowchart LR");
        var groupIndex = 0;
        foreach (var group in graph.Groups)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  subgraph g{groupIndex++}[\"{Escape(group)}\"]");
            foreach (var node in graph.Nodes.Where(n => n.Group == group))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {ids[node.Id]}[\"{Escape(node.Label)}\"]");
            }

            text.AppendLine("  end");
        }

        var linkStyles = new List<string>();
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var edge = graph.Edges[i];
            var arrow = edge.Denied ? "-.->" : "-->";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {ids[edge.From]} {arrow}|\"{Escape(edge.Label)}\"| {ids[edge.To]}");
            if (edge.Denied)
            {
                linkStyles.Add(string.Create(CultureInfo.InvariantCulture, $"  linkStyle {i} stroke:{GraphPalette.Denied},stroke-width:2px"));
            }
            else if (edge.CrossNamespace)
            {
                linkStyles.Add(string.Create(CultureInfo.InvariantCulture, $"  linkStyle {i} stroke:{GraphPalette.CrossNamespace},stroke-width:2px"));
            }
        }

        foreach (var style in linkStyles)
        {
            text.AppendLine(style);
        }

        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\"", "#quot;", StringComparison.Ordinal);
}
