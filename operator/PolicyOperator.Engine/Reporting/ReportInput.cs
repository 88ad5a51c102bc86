using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// What every report reads: the observed traffic, optionally the cluster inventory (namespace
/// labels, Services, nodes), and the options; with the derived edges and name classifier built once.
/// </summary>
public sealed class ReportInput
{
    public ReportInput(IReadOnlyList<ObservedTraffic> traffic, InventoryIndex? inventory = null, ReportOptions? options = null)
    {
        Traffic = [.. traffic.Select(MissingLists.Fill)];
        Inventory = inventory;
        Options = options ?? new ReportOptions();
        Edges = TrafficEdges.From(Traffic);
        var namespaces = Traffic.Select(t => t.Spec.Workload.Namespace)
            .Concat(Edges.SelectMany(e => new[] { e.Source.Namespace, e.Destination.Namespace }).OfType<string>())
            .Concat(inventory?.Inventory.Namespaces.Select(n => n.Metadata.Name).OfType<string>() ?? []);
        Names = new NameScopeClassifier(Options.ClusterDomain, namespaces);
    }

    public IReadOnlyList<ObservedTraffic> Traffic { get; }

    public InventoryIndex? Inventory { get; }

    public ReportOptions Options { get; }

    /// <summary>The traffic as merged edges (see <see cref="TrafficEdges"/>).</summary>
    public IReadOnlyList<TrafficEdge> Edges { get; }

    /// <summary>Internal versus external names, knowing the namespaces seen in traffic and inventory.</summary>
    public NameScopeClassifier Names { get; }
}
