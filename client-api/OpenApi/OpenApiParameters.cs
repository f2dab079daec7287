using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// The real type of a query parameter that an endpoint binds as a string (so that a bad value gets a
/// problem naming the parameter rather than the framework's bare 400): what the document tells clients.
/// </summary>
internal static class OpenApiParameters
{
    public static TBuilder WithQueryParameter<TBuilder>(this TBuilder builder, string name, Func<OpenApiSchema> schema, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Query)
                ?? throw new InvalidOperationException($"Operation {operation.OperationId} has no query parameter '{name}' to describe.");
            parameter.Schema = schema();
            parameter.Description = description;
            return Task.CompletedTask;
        });

    public static Func<OpenApiSchema> Integer(long minimum, long maximum, long? defaultValue = null, string format = "int32") => () => new OpenApiSchema
    {
        Type = JsonSchemaType.Integer,
        Format = format,
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        Default = defaultValue is { } value ? JsonValue.Create(value) : null,
    };

    public static Func<OpenApiSchema> Boolean() => () => new OpenApiSchema { Type = JsonSchemaType.Boolean };

    public static Func<OpenApiSchema> DateTime() => () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };

    public static Func<OpenApiSchema> Text(int? maxLength = null) => () => new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength };
}
