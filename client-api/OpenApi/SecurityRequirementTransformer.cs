using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// Gives each operation the security requirement its endpoint's authorization metadata imposes
/// (<see cref="EndpointSecurity.RequiredScopes"/>), and the 401 and 403 problems that follow from it.
/// </summary>
internal sealed class SecurityRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scopes = EndpointSecurity.RequiredScopes(context.Description.ActionDescriptor.EndpointMetadata);
        if (scopes is null)
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, context.Document)] = [.. scopes],
            },
        ];

        var unauthorized = ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status401Unauthorized,
            "No API key, or one that is not valid (the response carries `WWW-Authenticate: Bearer`).");
        if (unauthorized is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd("WWW-Authenticate", new OpenApiHeader
            {
                Description = "The scheme to authenticate with: `Bearer`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (scopes.Count > 0)
        {
            ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status403Forbidden,
                $"The API key is valid but lacks the scope {string.Join(" and ", scopes.Select(scope => $"`{scope}`"))}.");
        }

        return Task.CompletedTask;
    }
}
