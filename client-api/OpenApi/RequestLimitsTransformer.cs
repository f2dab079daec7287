using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// Every route is bounded (<c>RequestLimits</c>, see <c>client-api/Hosting/RequestLimitsOptions.cs</c>)
/// and refuses what is over its limits with a problem document before its endpoint runs: list those
/// refusals on every operation. A body is refused on any route, even one that takes none; a route that
/// takes a JSON body refuses one of another content type, or one that is not JSON of its shape.
/// </summary>
internal sealed class RequestLimitsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status408RequestTimeout,
            "The request's body arrived too slowly (`RequestLimits__MinBodyBytesPerSecond`, or not within `RequestLimits__RequestTimeout`): `request-too-slow`.");
        ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status413PayloadTooLarge,
            "The request's body is larger than this route takes (`RequestLimits__MaxBodyBytes`, or the route's own limit): `body-too-large`, with `maxBytes`.");
        ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status414UriTooLong,
            "The path and query string are longer than `RequestLimits__MaxUrlLength`: `url-too-long`, with `maxLength`.");
        ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status431RequestHeaderFieldsTooLarge,
            "The request's headers take more than `RequestLimits__MaxHeaderBytes` together: `headers-too-large`, with `maxBytes`.");
        if (operation.RequestBody is not null)
        {
            ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status400BadRequest,
                "The body is not JSON, or not of this operation's shape.");
            ProblemResponses.Ensure(operation, context.Document, StatusCodes.Status415UnsupportedMediaType,
                "The body's `Content-Type` is not one this operation takes (`application/json`).");
        }

        return Task.CompletedTask;
    }
}
