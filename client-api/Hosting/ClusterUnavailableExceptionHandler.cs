using Juicebox.ClientApi.Apis;
using Microsoft.AspNetCore.Diagnostics;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Answers 503 with <c>Retry-After</c> when the cluster itself failed a call, after retries.</summary>
internal sealed partial class ClusterUnavailableExceptionHandler(ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!ClusterFailures.IsTransient(exception))
        {
            return false;
        }

        LogClusterUnavailable(exception.GetType().Name, context.Request.Path);
        await ApiProblems.ClusterUnavailable(context).ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster could not answer {Path}: {ExceptionType}")]
    private partial void LogClusterUnavailable(string exceptionType, string path);
}
