using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Http;

namespace PolicyOperator.Testing.ApiServer.Selectors;

/// <summary>
/// A label selector in the query-string syntax (<c>app=web,tier!=db,env in (a,b),!legacy</c>),
/// parsed once and matched against metadata.labels.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<JsonObject?, bool>> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; a malformed one is a 400 naming the bad term.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<JsonObject?, bool>>();
        foreach (var term in SplitTerms(text))
        {
            requirements.Add(ParseTerm(term.Trim()));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>True when the object's labels satisfy every requirement.</summary>
    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return _requirements.All(r => r(labels));
    }

    private static Func<JsonObject?, bool> ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw ApiException.BadRequest("unable to parse requirement: empty term in label selector");
        }

        if (term.StartsWith('!'))
        {
            var key = Key(term[1..], term);
            return labels => labels?[key] is null;
        }

        foreach (var op in new[] { " notin ", " in " })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(term[..at], term);
                var list = term[(at + op.Length)..].Trim();
                if (!list.StartsWith('(') || !list.EndsWith(')'))
                {
                    throw ApiException.BadRequest($"unable to parse requirement: \"{term}\": expected a parenthesised value list");
                }

                var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                return op == " in "
                    ? labels => Value(labels, key) is { } v && values.Contains(v)
                    : labels => Value(labels, key) is not { } v || !values.Contains(v);
            }
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(term[..at], term);
                var value = term[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => Value(labels, key) != value
                    : labels => Value(labels, key) == value;
            }
        }

        var exists = Key(term, term);
        return labels => labels?[exists] is not null;
    }

    private static string Key(string text, string term)
    {
        var key = text.Trim();
        return key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal) && !key.Contains('(', StringComparison.Ordinal)
            ? key
            : throw ApiException.BadRequest($"unable to parse requirement: \"{term}\": invalid label key \"{key}\"");
    }

    private static string? Value(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
