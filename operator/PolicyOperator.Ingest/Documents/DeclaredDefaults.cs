using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using PolicyOperator.Api;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// Restores the declared defaults (<c>= []</c>, <c>= new()</c>) of API record properties that were absent
/// from the input. The source-generated serializer passes init-only and required properties like
/// constructor arguments, so an absent one arrives as null even where the type declares a default
/// (a NetworkPolicy without <c>podSelector</c> would otherwise have a null selector).
/// </summary>
internal static class DeclaredDefaults
{
    private static readonly Assembly ApiAssembly = typeof(ApiJson).Assembly;
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, object Default)[]> Cache = new();

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Assembly != ApiAssembly)
        {
            return;
        }

        var type = typeInfo.Type;
        typeInfo.OnDeserialized = obj =>
        {
            foreach (var (property, value) in Cache.GetOrAdd(type, Defaults))
            {
                if (property.GetValue(obj) is null)
                {
                    property.SetValue(obj, value);
                }
            }
        };
    }

    private static (PropertyInfo, object)[] Defaults(Type type)
    {
        object? template;
        try
        {
            template = Activator.CreateInstance(type);
        }
        catch (MissingMethodException)
        {
            return [];
        }

        // Declared defaults of API records are immutable ([] and new() of immutable records), so sharing them is safe.
        return
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
                .Select(p => (Property: p, Value: p.GetValue(template)))
                .Where(p => p.Value is not null && !p.Property.PropertyType.IsValueType)
                .Select(p => (p.Property, p.Value!)),
        ];
    }
}
