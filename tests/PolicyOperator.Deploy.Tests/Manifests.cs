using PolicyOperator.Testing;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Deploy.Tests;

/// <summary>Renders the chart with the real helm and the kustomize bases with the real kubectl, and parses the result.</summary>
internal static class Manifests
{
    public static string Helm => RepositoryPaths.InRepository(".tools", "helm");

    public static string Chart => RepositoryPaths.InRepository("charts", "policy-operator");

    public static async Task<IReadOnlyList<YamlMappingNode>> HelmTemplateAsync(params string[] extraArgs)
    {
        EnsureHelm();
        var result = (await ProcessRunner.RunAsync(Helm, ["template", "policy-operator", Chart, "--namespace", "policy-system", .. extraArgs]))
            .EnsureSuccess("helm template");
        return Parse(result.Stdout);
    }

    public static async Task<IReadOnlyList<YamlMappingNode>> KustomizeAsync(string directory)
    {
        var result = (await ProcessRunner.RunAsync("kubectl", ["kustomize", RepositoryPaths.InRepository("config", directory)]))
            .EnsureSuccess($"kubectl kustomize config/{directory}");
        return Parse(result.Stdout);
    }

    public static IReadOnlyList<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static string Kind(this YamlMappingNode doc) => doc.Scalar("kind");

    public static string Name(this YamlMappingNode doc) => ((YamlMappingNode)doc["metadata"]).Scalar("name");

    public static string Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;

    public static YamlNode? Path(this YamlNode node, params string[] keys)
    {
        var current = node;
        foreach (var key in keys)
        {
            if (current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                current = next;
            }
            else if (current is YamlSequenceNode seq && int.TryParse(key, out var i) && i < seq.Children.Count)
            {
                current = seq.Children[i];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    public static IReadOnlyList<string> Strings(this YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList() : [];

    public static YamlMappingNode Single(this IReadOnlyList<YamlMappingNode> docs, string kind, string nameSuffix) =>
        docs.Single(d => d.Kind() == kind && d.Name().EndsWith(nameSuffix, StringComparison.Ordinal));

    /// <summary>The rules of a role as (apiGroup, resource, verb) triples.</summary>
    public static HashSet<(string Group, string Resource, string Verb)> Permissions(this YamlMappingNode role)
    {
        var set = new HashSet<(string, string, string)>();
        foreach (var rule in ((YamlSequenceNode)role["rules"]).Children.Cast<YamlMappingNode>())
        {
            foreach (var group in rule.Path("apiGroups").Strings())
            {
                foreach (var resource in rule.Path("resources").Strings())
                {
                    foreach (var verb in rule.Path("verbs").Strings())
                    {
                        set.Add((group, resource, verb));
                    }
                }
            }
        }

        return set;
    }

    private static void EnsureHelm()
    {
        if (!File.Exists(Helm))
        {
            throw new FileNotFoundException($"helm not found at .tools/helm; 'make setup' fetches it", Helm);
        }
    }
}
