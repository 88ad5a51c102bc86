using System.Globalization;
using System.Net;
using System.Text;

namespace PolicyOperator.Engine.Graph;

/// <summary>
/// Renders the dependency map as one self-contained HTML page with an inline SVG: no script, no
/// external resource. Namespaces are columns (boxes), nodes are stacked in them, edges are curves
/// labelled with ports; cross-namespace edges are orange, denied ones red and dashed.
/// </summary>
public static class HtmlGraphRenderer
{
    private const int Margin = 24;
    private const int ColumnWidth = 240;
    private const int ColumnGap = 140;
    private const int NodeWidth = 200;
    private const int NodeHeight = 44;
    private const int NodeGap = 22;
    private const int Header = 40;

    /// <summary>The HTML page.</summary>
    public static string Render(DependencyGraph graph, string title = "PolicyOperator dependency map")
    {
        var layout = Layout(graph);
        var rows = graph.Groups.Select(g => graph.Nodes.Count(n => n.Group == g)).DefaultIfEmpty(0).Max();
        var width = Margin * 2 + Math.Max(1, graph.Groups.Count) * (ColumnWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + Header + rows * (NodeHeight + NodeGap) + 60;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        svg.Append("<defs>\n");
        foreach (var (name, colour) in new[] { ("edge", GraphPalette.Edge), ("cross", GraphPalette.CrossNamespace), ("denied", GraphPalette.Denied) })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<marker id=\"arrow-{name}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>\n");
        }

        svg.Append("</defs>\n");
        AppendGroups(svg, graph, rows);
        AppendEdges(svg, graph, layout);
        AppendNodes(svg, graph, layout);
        AppendLegend(svg, height);
        svg.Append("</svg>");

        var encodedTitle = WebUtility.HtmlEncode(title);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{encodedTitle}</title>
            <style>body {'{'} margin: 0; background: #ffffff; color: #0f172a; font-family: Helvetica, Arial, sans-serif; {'}'} h1 {'{'} font-size: 18px; margin: 16px 24px 0; {'}'}</style>
            </head>
            <body>
            <h1>{encodedTitle}</h1>
            {svg}
            </body>
            </html>

            """;
    }

    private static Dictionary<string, (int X, int Y, int Column)> Layout(DependencyGraph graph)
    {
        var layout = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
        for (var column = 0; column < graph.Groups.Count; column++)
        {
            var row = 0;
            foreach (var node in graph.Nodes.Where(n => n.Group == graph.Groups[column]))
            {
                layout[node.Id] = (ColumnX(column) + (ColumnWidth - NodeWidth) / 2, Margin + Header + row++ * (NodeHeight + NodeGap), column);
            }
        }

        return layout;
    }

    private static int ColumnX(int column) => Margin + column * (ColumnWidth + ColumnGap);

    private static void AppendGroups(StringBuilder svg, DependencyGraph graph, int rows)
    {
        var boxHeight = Header + rows * (NodeHeight + NodeGap);
        for (var column = 0; column < graph.Groups.Count; column++)
        {
            var x = ColumnX(column);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"group\"><rect x=\"{x}\" y=\"{Margin - 8}\" width=\"{ColumnWidth}\" height=\"{boxHeight}\" rx=\"10\" fill=\"#f8fafc\" stroke=\"#cbd5e1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 12}\" y=\"{Margin + 14}\" font-size=\"14\" font-weight=\"bold\" fill=\"#334155\">{WebUtility.HtmlEncode(graph.Groups[column])}</text></g>\n");
        }
    }

    private static void AppendNodes(StringBuilder svg, DependencyGraph graph, Dictionary<string, (int X, int Y, int Column)> layout)
    {
        foreach (var node in graph.Nodes)
        {
            var (x, y, _) = layout[node.Id];
            var label = node.Label.Length > 28 ? node.Label[..27] + "…" : node.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-id=\"{WebUtility.HtmlEncode(node.Id)}\"><title>{WebUtility.HtmlEncode(node.Id)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"8\" fill=\"{GraphPalette.Fill(node.Kind)}\" stroke=\"#1e293b\" stroke-width=\"1.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + NodeWidth / 2}\" y=\"{y + NodeHeight / 2 + 5}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#0f172a\">{WebUtility.HtmlEncode(label)}</text></g>\n");
        }
    }

    private static void AppendEdges(StringBuilder svg, DependencyGraph graph, Dictionary<string, (int X, int Y, int Column)> layout)
    {
        foreach (var edge in graph.Edges)
        {
            var from = layout[edge.From];
            var to = layout[edge.To];
            var (colour, marker, dash) = edge.Denied ? (GraphPalette.Denied, "denied", " stroke-dasharray=\"6 4\"")
                : edge.CrossNamespace ? (GraphPalette.CrossNamespace, "cross", string.Empty)
                : (GraphPalette.Edge, "edge", string.Empty);

            // Leave from the side facing the target; within one column, loop out to the right.
            double x1, x2, c1, c2;
            var y1 = from.Y + NodeHeight / 2.0;
            var y2 = to.Y + NodeHeight / 2.0;
            if (to.Column > from.Column)
            {
                (x1, x2) = (from.X + NodeWidth, to.X);
                (c1, c2) = (x1 + 60, x2 - 60);
            }
            else if (to.Column < from.Column)
            {
                (x1, x2) = (from.X, to.X + NodeWidth);
                (c1, c2) = (x1 - 60, x2 + 60);
            }
            else
            {
                (x1, x2) = (from.X + NodeWidth, to.X + NodeWidth);
                (c1, c2) = (x1 + 70, x2 + 70);
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"M{x1:0.#},{y1:0.#} C{c1:0.#},{y1:0.#} {c2:0.#},{y2:0.#} {x2:0.#},{y2:0.#}");
            var labelX = (x1 + 3 * c1 + 3 * c2 + x2) / 8; // the curve's point at t = 0.5
            var labelY = (y1 + y2) / 2;
            var ports = WebUtility.HtmlEncode(edge.Label);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"edge{(edge.Denied ? " denied" : string.Empty)}{(edge.CrossNamespace ? " cross-namespace" : string.Empty)}\" data-from=\"{WebUtility.HtmlEncode(edge.From)}\" data-to=\"{WebUtility.HtmlEncode(edge.To)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(marker == "edge" ? 1.5 : 2.5)}\"{dash} marker-end=\"url(#arrow-{marker})\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelX:0.#}\" y=\"{labelY - 4:0.#}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{ports}</text></g>\n");
        }
    }

    private static void AppendLegend(StringBuilder svg, int height)
    {
        var y = height - 24;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" font-size=\"12\"><line x1=\"{Margin}\" y1=\"{y}\" x2=\"{Margin + 30}\" y2=\"{y}\" stroke=\"{GraphPalette.CrossNamespace}\" stroke-width=\"2.5\"/><text x=\"{Margin + 36}\" y=\"{y + 4}\">cross-namespace</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin + 160}\" y1=\"{y}\" x2=\"{Margin + 190}\" y2=\"{y}\" stroke=\"{GraphPalette.Denied}\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/><text x=\"{Margin + 196}\" y=\"{y + 4}\">denied by the policies</text></g>\n");
    }
}
