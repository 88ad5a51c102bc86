using System.Text.Json.Serialization;

namespace PolicyOperator.Ingest.Documents;

/// <summary>Source-generated JSON for strings the YAML writer quotes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class YamlStringJsonContext : JsonSerializerContext;
