using System.Net;

namespace Juicebox.Cli.Api;

/// <summary>The API refused or failed a call, or could not be reached; <see cref="ExitCode"/> is what the process ends with.</summary>
public sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode? status, ProblemDocument? problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>Null when no answer came (connection refused, timeout).</summary>
    public HttpStatusCode? Status { get; }

    public ProblemDocument? Problem { get; }

    public int ExitCode => Status switch
    {
        null or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => ExitCodes.Unavailable,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Refused,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge
            or HttpStatusCode.UnsupportedMediaType => ExitCodes.BadInput,
        _ => ExitCodes.Failed,
    };

    public static ApiException Unreachable(Uri baseAddress, Exception inner) =>
        new(null, null, $"Cannot reach Orleans.Juicebox at {baseAddress}: {Describe(inner)}", inner);

    public static ApiException FromProblem(HttpStatusCode status, ProblemDocument? problem)
    {
        var message = status switch
        {
            HttpStatusCode.Unauthorized => "The API key was not accepted (401). Pass a valid key with --key or JUICEBOX_KEY.",
            HttpStatusCode.Forbidden when problem?.Detail is null => "This needs an operator key; the key given is not one (403).",
            _ when problem?.Title is not null || problem?.Detail is not null =>
                string.Join(' ', new[] { problem.Title is null ? null : problem.Title.TrimEnd('.') + ".", problem.Detail }.Where(part => part is not null)),
            _ => $"The server answered {(int)status} {status}.",
        };
        return new ApiException(status, problem, message);
    }

    private static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException => "no answer in time.",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => exception.Message,
    };
}
