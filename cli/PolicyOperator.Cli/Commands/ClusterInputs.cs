using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Cli.Commands;

/// <summary>Reads the inventory and policy inputs the evaluator commands share; reports what was ignored on stderr.</summary>
internal sealed class ClusterInputs(TextReader stdin, TextWriter stderr)
{
    private readonly KubernetesDocumentReader _documents = new(stdin);

    public async Task<ClusterInventory> ReadInventoryAsync(IReadOnlyList<string>? paths, CancellationToken cancellationToken)
    {
        if (paths is not { Count: > 0 })
        {
            return ClusterInventory.Empty;
        }

        var result = await new InventoryReader(_documents).ReadAsync(paths, cancellationToken);
        await ReportIgnoredAsync("inventory", result.Ignored);
        return result.Inventory;
    }

    public async Task<IReadOnlyList<NetworkPolicy>> ReadPoliciesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var result = await new NetworkPolicyReader(_documents).ReadAsync(paths, cancellationToken);
        await ReportIgnoredAsync("policies", result.Ignored);
        return result.Policies;
    }

    /// <summary>
    /// Reads traffic of any format, attributing with the inventory when one was given, and writes the
    /// readers' notes (skipped or unattributed flows) to stderr under the command's name.
    /// </summary>
    public async Task<TrafficReadResult> ReadTrafficAsync(
        IReadOnlyList<string> paths, ClusterInventory cluster, InventoryIndex index, string command, CancellationToken cancellationToken)
    {
        var read = await new TrafficReader(ReferenceEquals(cluster, ClusterInventory.Empty) ? null : index, stdin).ReadAsync(paths, cancellationToken);
        foreach (var note in read.Notes)
        {
            await stderr.WriteLineAsync($"policyctl {command}: note: {note}");
        }

        return read;
    }

    private async Task ReportIgnoredAsync(string what, IReadOnlyList<IgnoredDocument> ignored)
    {
        if (ignored.Count == 0)
        {
            return;
        }

        var kinds = ignored.GroupBy(i => i.Kind.Length > 0 ? i.Kind : "(no kind)").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}");
        await stderr.WriteLineAsync($"policyctl: {what}: ignored {ignored.Count} document(s) of kinds it does not use: {string.Join(", ", kinds)}");
    }
}
