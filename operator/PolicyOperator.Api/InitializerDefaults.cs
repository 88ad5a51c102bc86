using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace PolicyOperator.Api;

/// <summary>
/// Keeps property initializer defaults (<c>= []</c>, <c>= 1</c>, <c>= GeneratorMode.Propose</c>) when a
/// field is absent from the JSON. The source generator builds records with init-only properties
/// through one object initializer that sets every property, so an absent field would become null or
/// 0 instead of its default. This modifier makes those types constructed first and then set field by
/// field (through the init accessors), as the reflection serializer does. Required members stay
/// enforced.
/// </summary>
public static class InitializerDefaults
{
    /// <summary>A <see cref="JsonTypeInfo"/> modifier for the object types of this assembly.</summary>
    public static void Restore(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Assembly != typeof(InitializerDefaults).Assembly
            || typeInfo.Type.GetConstructor(Type.EmptyTypes) is not { } constructor)
        {
            return;
        }

        typeInfo.CreateObject = () => constructor.Invoke(null);
        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is PropertyInfo { SetMethod: { } setter })
            {
                property.Set = (target, value) => setter.Invoke(target, [value]);
            }
        }
    }
}
