using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>Declares the API key as an HTTP bearer scheme, so the browsable docs and generated clients send one.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description =
                "An API key, sent as `Authorization: Bearer <key>` (configured in Api:Keys; Embedded mode accepts `local-dev-key`, " +
                "and `local-operator-key` for the operator routes). An operation's requirement lists the scopes the key must carry.",
        };
        return Task.CompletedTask;
    }
}
