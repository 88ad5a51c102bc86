using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>Applies the <c>default</c>s of a structural schema to absent fields, as the API server does on write.</summary>
public static class SchemaDefaulter
{
    /// <summary>Sets every absent property that has a default, recursively, in place.</summary>
    public static void Apply(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (name, propertySchema) in properties)
                    {
                        if (propertySchema is JsonObject ps && !obj.ContainsKey(name) && ps["default"] is { } defaultValue)
                        {
                            obj[name] = defaultValue.DeepClone();
                        }
                    }
                }

                foreach (var (name, child) in obj.ToList())
                {
                    if ((schema["properties"]?[name] ?? schema["additionalProperties"]) is JsonObject childSchema)
                    {
                        Apply(child, childSchema);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var item in array)
                {
                    Apply(item, items);
                }

                break;
        }
    }
}
