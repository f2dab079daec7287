using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// Every API operation reads or writes through the cluster, and any of them answers 503 with
/// <c>Retry-After</c> when no silo answers in time or the database is away
/// (<c>ClusterUnavailableExceptionHandler</c>, <c>StorageUnavailableExceptionHandler</c>): list it,
/// and document <c>Retry-After</c> on every 503 and 429, wherever they come from.
/// </summary>
internal sealed class ClusterUnavailableTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status503ServiceUnavailable,
            "The cluster or its database (or, where the operation calls it, the upstream) could not answer now; retry after `Retry-After` seconds.");
        foreach (var status in new[] { "429", "503" })
        {
            if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse response)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers.TryAdd("Retry-After", new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                });
            }
        }

        return Task.CompletedTask;
    }
}
