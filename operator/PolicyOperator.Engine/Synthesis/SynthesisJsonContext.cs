using System.Text.Json.Serialization;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>Source-generated JSON for the values the synthesis writes into annotations.</summary>
[JsonSerializable(typeof(SortedDictionary<string, IReadOnlyList<string>>))]
internal sealed partial class SynthesisJsonContext : JsonSerializerContext;
