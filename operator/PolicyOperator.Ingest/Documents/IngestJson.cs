using System.Text.Json;
using PolicyOperator.Api;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// The API's JSON options (which keep declared defaults of absent properties, see
/// <see cref="ApiJson"/>), made fit for files: strings read leniently from YAML scalars.
/// </summary>
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
