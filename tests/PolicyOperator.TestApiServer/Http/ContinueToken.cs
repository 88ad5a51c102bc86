using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>The opaque paging token of a list: the revision the list is consistent at and the key to resume after.</summary>
public sealed record ContinueToken(long Revision, string After)
{
    public string Encode()
    {
        var json = new JsonObject { ["rv"] = Revision, ["start"] = After }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a token; a malformed one is a 400.</summary>
    public static ContinueToken Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))!;
            return JsonNodes.TryGetNumber(json["rv"], out var rv) && JsonNodes.AsString(json["start"]) is { } start
                ? new ContinueToken((long)rv, start)
                : throw new FormatException("missing fields");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {e.Message}");
        }
    }

    public override string ToString() => Revision.ToString(CultureInfo.InvariantCulture) + ":" + After;
}
