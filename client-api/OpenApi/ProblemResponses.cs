using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>Responses whose body is an RFC 9457 problem document.</summary>
internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>Adds <paramref name="status"/> with a problem body unless the operation lists it already.</summary>
    public static IOpenApiResponse Ensure(OpenApiOperation operation, OpenApiDocument? document, int status, string description)
    {
        operation.Responses ??= [];
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(code, out var existing))
        {
            return existing;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), document) },
            },
        };
        operation.Responses[code] = response;
        return response;
    }
}
