using System.Text.Json.Serialization;

namespace PolicyOperator.Cli.Output;

/// <summary>Source-generated JSON for strings the YAML writer quotes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
