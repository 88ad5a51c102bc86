using FluentAssertions;
using PolicyOperator.Engine.Graph;
using PolicyOperator.Testing.Imaging;
using Xunit;

namespace PolicyOperator.Engine.Tests.Graph;

public sealed class GraphRendererTests
{
    private static DependencyGraph Shop() =>
        DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic()).WithDenied([("shop/checkout[Deployment]", "external:203.0.113.7/32")]);

    [Fact]
    public void Dot_output_has_a_cluster_per_namespace_and_labelled_highlighted_edges()
    {
        var dot = DotGraphRenderer.Render(Shop());

        dot.Should().StartWith("digraph dependencies {");
        dot.Should().Contain("subgraph \"cluster_shop\" {").And.Contain("subgraph \"cluster_payments\" {").And.Contain("subgraph \"cluster_External\" {");
        dot.Should().Contain("\"shop/frontend[Deployment]\" -> \"shop/cartservice[Deployment]\" [label=\"TCP 7070\"];");
        dot.Should().Contain($"\"shop/checkout[Deployment]\" -> \"payments/payment[Deployment]\" [label=\"TCP 50051\", color=\"{GraphPalette.CrossNamespace}\", penwidth=2];");
        dot.Should().Contain("\"external:203.0.113.7/32\" [label=\"api.stripe.com\"");
        dot.Should().Contain("style=dashed");
    }

    [Fact]
    public void Mermaid_output_is_a_flowchart_with_subgraphs_and_styled_links()
    {
        var mermaid = MermaidGraphRenderer.Render(Shop());

        mermaid.Should().StartWith("flowchart LR");
        mermaid.Should().Contain("subgraph g1[\"shop\"]");
        mermaid.Should().Contain("[\"api.stripe.com\"]");
        mermaid.Should().Contain("-.->|\"TCP 443\"|");
        mermaid.Should().Contain($"stroke:{GraphPalette.CrossNamespace}").And.Contain($"stroke:{GraphPalette.Denied}");
    }

    [Fact]
    public void Html_is_self_contained_and_escapes_labels()
    {
        var graph = new DependencyGraph([new GraphNode("x/<b>[Pod]", "<b>", "x", GraphNodeKind.Workload)], []);

        var html = HtmlGraphRenderer.Render(graph);

        html.Should().Contain("<svg").And.Contain("&lt;b&gt;").And.NotContain("<b>");
        html.Should().NotContain("<script").And.NotContain("http://").And.NotContain("https://");
    }

    [Fact]
    public async Task Html_page_rendered_in_headless_chromium_shows_every_node()
    {
        var path = Path.Combine(Path.GetTempPath(), $"po-graph-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(path, HtmlGraphRenderer.Render(Shop()));
        try
        {
            var shot = await HeadlessChromium.ScreenshotAsync(path, 1400, 700);

            // Each node is a filled box of its kind's colour: count the boxes on the screen.
            shot.CountRegions(Convert.ToInt32(GraphPalette.Fill(GraphNodeKind.Workload)[1..], 16), minimumPixels: 2000).Should().Be(4);
            shot.CountRegions(Convert.ToInt32(GraphPalette.Fill(GraphNodeKind.External)[1..], 16), minimumPixels: 2000).Should().Be(1);
            var denied = Convert.ToInt32(GraphPalette.Denied[1..], 16);
            Enumerable.Range(0, shot.Width * shot.Height).Count(p => shot.Rgb(p % shot.Width, p / shot.Width) == denied)
                .Should().BeGreaterThan(50, "the denied edge is drawn in red");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("POLICYOPERATOR_KEEP_GRAPH") is not { Length: > 0 } keep)
            {
                File.Delete(path);
            }
            else
            {
                File.Move(path, keep, overwrite: true);
            }
        }
    }
}
