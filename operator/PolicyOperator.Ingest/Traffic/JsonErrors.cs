using System.Text.Json;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>The useful part of a JSON parser message (System.Text.Json appends positions in the parsed text, not the file).</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        return message.TrimEnd();
    }
}
