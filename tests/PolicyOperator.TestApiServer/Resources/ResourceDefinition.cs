using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Resources;

/// <summary>A resource the server serves: names, scope, subresources and, for custom resources, the schema.</summary>
public sealed record ResourceDefinition
{
    /// <summary>The API group; empty for the core group.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>The plural, lower-case resource name used in URLs.</summary>
    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public string ListKind => Kind + "List";

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>True when status is written only through the <c>/status</c> subresource.</summary>
    public bool HasStatus { get; init; }

    /// <summary>The openAPIV3Schema of a custom resource version; null for built-ins (stored as given).</summary>
    public JsonObject? Schema { get; init; }

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>Fields usable in field selectors besides metadata.name and metadata.namespace.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>True for resources defined by a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }

    /// <summary><c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The storage key, independent of version: <c>plural.group</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The URL prefix of the group version: <c>/api/v1</c> or <c>/apis/group/version</c>.</summary>
    public string PathPrefix => Group.Length == 0 ? "/api/v1" : $"/apis/{Group}/{Version}";
}
