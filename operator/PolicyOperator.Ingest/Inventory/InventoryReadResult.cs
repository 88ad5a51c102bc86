using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Inventory;

/// <summary>The inventory read from files, and the documents of kinds an inventory does not hold.</summary>
public sealed record InventoryReadResult(ClusterInventory Inventory, IReadOnlyList<IgnoredDocument> Ignored);
