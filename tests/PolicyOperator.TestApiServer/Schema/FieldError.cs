using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>One invalid field: its path (<c>spec.ingress[0].port</c>), the kind of error and the detail.</summary>
public sealed record FieldError(string Path, FieldErrorType Type, string Detail, JsonNode? Value = null)
{
    /// <summary>The StatusCause reason, as the Kubernetes API names it.</summary>
    public string Reason => Type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.UnknownField => "FieldValueInvalid",
        _ => "FieldValueInvalid",
    };

    /// <summary>The message as the API server words it, without the path.</summary>
    public string Summary => Type switch
    {
        FieldErrorType.Required => "Required value" + (Detail.Length > 0 ? ": " + Detail : string.Empty),
        FieldErrorType.NotSupported => $"Unsupported value: {Render(Value)}: {Detail}",
        FieldErrorType.TooLong => $"Too long: {Detail}",
        FieldErrorType.TooMany => $"Too many: {Detail}",
        FieldErrorType.Duplicate => $"Duplicate value: {Render(Value)}",
        FieldErrorType.Forbidden => $"Forbidden: {Detail}",
        FieldErrorType.UnknownField => $"unknown field \"{Path}\"",
        _ => $"Invalid value: {Render(Value)}: {Detail}",
    };

    /// <summary>The full message: <c>path: summary</c>.</summary>
    public string Message => Type == FieldErrorType.UnknownField ? Summary : $"{(Path.Length == 0 ? "<root>" : Path)}: {Summary}";

    public override string ToString() => Message;

    private static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => $"\"{s}\"",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => value.ToJsonString(),
    };
}
