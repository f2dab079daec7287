using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// The API's one rule for absent values, applied to every object schema: the JSON options leave out a
/// property whose value is null, so a property that can be null is not required; every other property
/// is always written, and is required. (A property marked <c>[JsonIgnore(Condition = Never)]</c> is
/// always written, null included: required and nullable.)
/// </summary>
internal sealed class AbsentValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (properties.ContainsKey(property.Name) && !MayBeOmitted(property))
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required.Count > 0 ? required : null;
        return Task.CompletedTask;
    }

    /// <summary>Whether the server may leave the property out of a body: it can be null and is not always written.</summary>
    internal static bool MayBeOmitted(JsonPropertyInfo property)
    {
        if (property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(ignore => ignore.Condition == JsonIgnoreCondition.Never) == true)
        {
            return false;
        }

        if (Nullable.GetUnderlyingType(property.PropertyType) is not null)
        {
            return true;
        }

        if (property.PropertyType.IsValueType)
        {
            return false;
        }

        return property.AttributeProvider switch
        {
            PropertyInfo info => new NullabilityInfoContext().Create(info).ReadState != NullabilityState.NotNull,
            FieldInfo info => new NullabilityInfoContext().Create(info).ReadState != NullabilityState.NotNull,
            _ => true,
        };
    }
}
