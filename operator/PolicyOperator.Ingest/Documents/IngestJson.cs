using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PolicyOperator.Api;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// The API's JSON options, made fit for files: strings read leniently from YAML scalars, and the
/// declared defaults of absent properties kept (see <see cref="DeclaredDefaults"/>).
/// </summary>
internal static class IngestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ApiJson.Options)
        {
            TypeInfoResolver = ApiJson.Options.TypeInfoResolver!.WithAddedModifier(DeclaredDefaults.Apply),
        };
        options.Converters.Add(new LenientStringConverter());
        options.MakeReadOnly();
        return options;
    }
}
