using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Engine.Cilium;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Generation;

namespace PolicyOperator.Cli.Output;

/// <summary>
/// Writes synthesized policies as YAML: a directory tree <c>DIR/&lt;namespace&gt;/&lt;name&gt;.yaml</c> with a
/// <c>kustomization.yaml</c> per namespace and one at the root, or one multi-document stream. The bytes
/// depend only on the policies, so the same input gives the same files.
/// </summary>
public static class GeneratedPolicies
{
    private const string KustomizationFile = "kustomization.yaml";

    /// <summary>Each policy as JSON in the chosen format, in the synthesis order (namespace, name).</summary>
    public static IReadOnlyList<(string Namespace, string Name, JsonNode Json)> Render(IEnumerable<SynthesizedPolicy> policies, OutputFormat format) =>
        policies.Select(p => (
            p.Policy.Metadata.Namespace ?? "default",
            p.Policy.Metadata.Name ?? string.Empty,
            format == OutputFormat.Cilium ? CiliumPolicyBuilder.Build(p) : (JsonNode)JsonSerializer.SerializeToNode(p.Policy, ApiJson.Options)!))
        .ToList();

    /// <summary>All policies as one multi-document YAML stream.</summary>
    public static string ToStream(IReadOnlyList<(string Namespace, string Name, JsonNode Json)> rendered) =>
        KubernetesYaml.WriteAll(rendered.Select(r => r.Json));

    /// <summary>Writes the directory tree; returns the files written (relative to <paramref name="directory"/>).</summary>
    public static async Task<IReadOnlyList<string>> WriteDirectoryAsync(string directory, IReadOnlyList<(string Namespace, string Name, JsonNode Json)> rendered, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var namespaces = rendered.GroupBy(r => r.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var ns in namespaces)
        {
            Directory.CreateDirectory(Path.Combine(directory, ns.Key));
            var files = new List<string>();
            foreach (var policy in ns.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var file = $"{policy.Name}.yaml";
                await WriteAsync(directory, Path.Combine(ns.Key, file), KubernetesYaml.Write(policy.Json), written, cancellationToken);
                files.Add(file);
            }

            await WriteAsync(directory, Path.Combine(ns.Key, KustomizationFile), Kustomization(files), written, cancellationToken);
        }

        Directory.CreateDirectory(directory);
        await WriteAsync(directory, KustomizationFile, Kustomization(namespaces.Select(n => n.Key)), written, cancellationToken);
        return written;
    }

    private static string Kustomization(IEnumerable<string> resources) => KubernetesYaml.Write(new JsonObject
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["resources"] = new JsonArray([.. resources.Select(r => JsonValue.Create(r))]),
    });

    private static async Task WriteAsync(string directory, string relative, string text, List<string> written, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, relative), text, cancellationToken);
        written.Add(relative);
    }
}
