namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Refuses a URL or a set of headers over <see cref="RequestLimitsOptions"/> with a problem document,
/// before anything else reads them. Kestrel's own limits, twice these, stop anything larger earlier.
/// </summary>
internal sealed class RequestShapeLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    private readonly RequestLimitsOptions _limits = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0) > _limits.MaxUrlLength)
        {
            return RequestLimitProblems.UrlTooLong(_limits.MaxUrlLength).ExecuteAsync(context);
        }

        if (HeaderBytes(request.Headers) > _limits.MaxHeaderBytes)
        {
            return RequestLimitProblems.HeadersTooLarge(_limits.MaxHeaderBytes).ExecuteAsync(context);
        }

        return next(context);
    }

    /// <summary>Roughly what the headers took on the wire: each name and value, plus ": " and CRLF.</summary>
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }
}
