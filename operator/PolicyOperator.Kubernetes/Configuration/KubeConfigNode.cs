using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Kubernetes.Configuration;

/// <summary>
/// A node of a kubeconfig's YAML with its path (<c>users[0].user</c>), so that every problem is
/// reported naming the field.
/// </summary>
internal sealed class KubeConfigNode(string origin, string path, YamlNode node)
{
    public string Path => path;

    public KubeConfigException Error(string key, string problem) => new(origin, Join(key), problem);

    /// <summary>The child mapping under <paramref name="key"/>, or null when absent.</summary>
    public KubeConfigNode? Mapping(string key) => Child(key) switch
    {
        null => null,
        YamlMappingNode mapping => new KubeConfigNode(origin, Join(key), mapping),
        _ => throw Error(key, "expected a mapping"),
    };

    public KubeConfigNode RequiredMapping(string key) => Mapping(key) ?? throw Error(key, "missing");

    /// <summary>The items of the sequence under <paramref name="key"/>; none when absent.</summary>
    public IEnumerable<KubeConfigNode> Items(string key) => Child(key) switch
    {
        null => [],
        YamlScalarNode { Value: null or "" or "null" or "~" } => [],
        YamlSequenceNode sequence => sequence.Children.Select((item, index) => item is YamlMappingNode
            ? new KubeConfigNode(origin, $"{Join(key)}[{index}]", item)
            : throw new KubeConfigException(origin, $"{Join(key)}[{index}]", "expected a mapping")),
        _ => throw Error(key, "expected a list"),
    };

    /// <summary>The string under <paramref name="key"/>, or null when absent or empty.</summary>
    public string? String(string key) => Child(key) switch
    {
        null => null,
        YamlScalarNode scalar => string.IsNullOrEmpty(scalar.Value) ? null : scalar.Value,
        _ => throw Error(key, "expected a string"),
    };

    public string RequiredString(string key) => String(key) ?? throw Error(key, "missing");

    public bool Boolean(string key) => String(key) switch
    {
        null => false,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw Error(key, string.Create(CultureInfo.InvariantCulture, $"'{text}' is not true or false")),
    };

    /// <summary>Base64 data under <paramref name="key"/>, decoded to text; null when absent.</summary>
    public string? Base64(string key)
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new KubeConfigException(origin, Join(key), "not valid base64", e);
        }
    }

    private YamlNode? Child(string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private string Join(string key) => path.Length == 0 ? key : $"{path}.{key}";
}
