using System.Globalization;
using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Resources;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Tables;

/// <summary>
/// Server-side printing: a meta.k8s.io/v1 Table with Name, the resource's printer columns and Age,
/// which is what <c>kubectl get</c> asks for and prints.
/// </summary>
public static class TableWriter
{
    private static readonly PrinterColumn AgeColumn = new("Age", "date", ".metadata.creationTimestamp", Description: "CreationTimestamp is a timestamp representing the server time when this object was created.");

    /// <summary>Renders <paramref name="items"/>; <paramref name="includeObject"/> is None, Metadata (default) or Object.</summary>
    public static JsonObject Create(ResourceDefinition resource, IEnumerable<JsonObject> items, string resourceVersion, string? continueToken, string? includeObject, DateTimeOffset now)
    {
        var columns = resource.PrinterColumns.ToList();
        if (!resource.IsCustom || columns.Count == 0)
        {
            columns.Add(AgeColumn);
        }

        var definitions = new JsonArray { Definition(new PrinterColumn("Name", "string", ".metadata.name", Format: "name", Description: "Name must be unique within a namespace.")) };
        foreach (var column in columns)
        {
            definitions.Add(Definition(column));
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray { item["metadata"]?["name"]?.DeepClone() };
            foreach (var column in columns)
            {
                cells.Add(Cell(item, column, now));
            }

            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = item.DeepClone();
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = item["metadata"]?.DeepClone(),
                    };
                    break;
            }

            rows.Add(row);
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static JsonObject Definition(PrinterColumn column) => new()
    {
        ["name"] = column.Name,
        ["type"] = column.Type == "date" ? "string" : column.Type,
        ["format"] = column.Format ?? string.Empty,
        ["description"] = column.Description ?? string.Empty,
        ["priority"] = column.Priority,
    };

    private static JsonNode? Cell(JsonObject item, PrinterColumn column, DateTimeOffset now)
    {
        IReadOnlyList<JsonNode?> values;
        try
        {
            values = SimpleJsonPath.Evaluate(item, column.JsonPath);
        }
        catch (FormatException)
        {
            return null;
        }

        if (values.Count == 0 || values[0] is null)
        {
            return null;
        }

        if (column.Type == "date")
        {
            return JsonNodes.AsString(values[0]) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? HumanDuration.Format(now - time)
                : null;
        }

        if (values.Count > 1)
        {
            return string.Join(',', values.Select(v => JsonNodes.AsString(v) ?? v?.ToJsonString()));
        }

        return values[0] is JsonObject or JsonArray ? values[0]!.ToJsonString() : values[0]!.DeepClone();
    }
}
