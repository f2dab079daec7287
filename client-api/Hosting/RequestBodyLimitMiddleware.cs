using Microsoft.AspNetCore.Http.Features;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Gives each route its body limit (<see cref="RequestLimitsOptions"/>) and reads the body in full
/// before the endpoint runs, so that a body too large or too slow is refused here with a problem
/// document, whatever the endpoint would have done with the read's failure.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    /// <summary>Bodies up to this size are buffered in memory, larger ones in a temporary file.</summary>
    private const int MemoryBufferBytes = 64 * 1024;

    private static readonly object _bodyStartedKey = new();
    private static readonly object _bodyReadKey = new();

    private readonly RequestLimitsOptions _limits = options.Value;

    /// <summary>Whether the request has a body this middleware has started but not finished reading.</summary>
    public static bool IsBodyPending(HttpContext context) =>
        context.Items.ContainsKey(_bodyStartedKey) && !context.Items.ContainsKey(_bodyReadKey);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0
            || (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);
        return hasBody ? LimitAsync(context) : next(context);
    }

    private async Task LimitAsync(HttpContext context)
    {
        var request = context.Request;
        var maxBytes = RequestBodyLimits.For(context.GetEndpoint(), _limits);
        if (request.ContentLength > maxBytes)
        {
            await RequestLimitProblems.BodyTooLarge(maxBytes).ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        context.Items[_bodyStartedKey] = true;
        try
        {
            if (!await BufferAsync(request, maxBytes, context.RequestAborted))
            {
                await RequestLimitProblems.BodyTooLarge(maxBytes).ExecuteAsync(context);
                return;
            }
        }
        catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
        {
            await (refused.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? RequestLimitProblems.BodyTooLarge(maxBytes)
                : RequestLimitProblems.BadRequest(refused.StatusCode, refused.Message)).ExecuteAsync(context);
            return;
        }

        context.Items[_bodyReadKey] = true;
        await next(context);
    }

    /// <summary>Reads the whole body into a rewindable buffer; false when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<bool> BufferAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        request.EnableBuffering(MemoryBufferBytes);
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return false;
            }
        }

        request.Body.Position = 0;
        return true;
    }
}
