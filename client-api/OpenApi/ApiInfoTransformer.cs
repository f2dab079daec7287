using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// The document's <c>info</c>, one fixed server (so the document is the same wherever it is served
/// or generated) and the tags' descriptions.
/// </summary>
internal sealed class ApiInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = ApiDocument.Title,
            Version = ApiDocument.Version,
            Description =
                "Reads, searches and enriches people's profiles through the Juicebox API, with an Orleans cluster in front of it " +
                "that caches profiles and searches, shares the upstream quota and queues enrichment. Every request carries " +
                "`Authorization: Bearer <key>` (Embedded mode accepts `local-dev-key`, and `local-operator-key` for the operator " +
                "routes). Errors are RFC 9457 problem documents. A property that may be absent is left out of a response, never " +
                "written as null, unless the schema lists it as required and nullable.",
            Contact = new OpenApiContact { Name = "Orleans.Juicebox maintainers", Url = new Uri("https://juicebox.local/docs/api") },
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        document.Servers = [new OpenApiServer { Url = ApiDocument.DefaultServerUrl, Description = "Embedded mode on its default address (dotnet run --project client-api)" }];
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && ApiTags.Descriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
