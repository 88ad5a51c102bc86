using System.Text.Json;
using PolicyOperator.Api;

namespace PolicyOperator.Ingest.Documents;

/// <summary>The API's JSON options, made lenient where YAML input needs it (scalars read as strings).</summary>
internal static class IngestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ApiJson.Options);
        options.Converters.Add(new LenientStringConverter());
        options.MakeReadOnly();
        return options;
    }
}
