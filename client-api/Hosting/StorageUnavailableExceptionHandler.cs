using Juicebox.Grains.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Answers 503 with <c>Retry-After</c>, on every route, when a call needed the cluster's database and it
/// was away (stopped, restarting, stalled): nothing was accepted, and the same request can be made
/// again. Grains report it as <c>StorageUnavailableException</c> (their call filter turns any
/// database error that means "away" into one); a driver error met in this process counts too.
/// </summary>
internal sealed partial class StorageUnavailableExceptionHandler(ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFailures.IsDatabaseAway(exception))
        {
            return false;
        }

        LogDatabaseUnavailable(exception.GetType().Name, context.Request.Path);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The database is unavailable",
            detail: "The cluster's database could not be reached, so nothing was done; retry shortly.",
            type: "https://juicebox.local/problems/database-unavailable").ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database could not answer {Path}: {ExceptionType}")]
    private partial void LogDatabaseUnavailable(string exceptionType, string path);
}
