using Microsoft.AspNetCore.Diagnostics;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// A request Kestrel refused while an endpoint read it (a body too large, too slow or malformed)
/// becomes a problem document with Kestrel's 4xx status instead of a 500.
/// </summary>
internal sealed class RequestLimitsExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { StatusCode: >= 400 and < 500 } refused)
        {
            return false;
        }

        await RequestLimitProblems.BadRequest(refused.StatusCode, refused.Message).ExecuteAsync(context);
        return true;
    }
}
