using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Juicebox.Client.Http;

/// <summary>
/// Logs each attempt's method, path, status and duration, and nothing else. It replaces
/// HttpClientFactory's default loggers, whose Trace records carry every request header in their
/// structured state unredacted (only the formatted message honours the redaction settings), so
/// the bearer key would reach any provider that records state.
/// </summary>
internal sealed partial class JuiceboxHttpLogger(ILogger<JuiceboxHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        LogSending(logger, request.Method, PathOf(request));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogReceived(logger, request.Method, PathOf(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method, PathOf(request), elapsed.TotalMilliseconds, exception.GetType().Name, exception.Message);

    // Scheme, host and path: the query string is left out because it is the one part of a URI a
    // caller could put something private into.
    private static string PathOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Path) : request.RequestUri?.OriginalString ?? string.Empty;

    [LoggerMessage(10, LogLevel.Trace, "Sending Juicebox {Method} {Uri}")]
    private static partial void LogSending(ILogger logger, HttpMethod method, string uri);

    [LoggerMessage(11, LogLevel.Debug, "Juicebox {Method} {Uri} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogReceived(ILogger logger, HttpMethod method, string uri, int statusCode, double elapsedMilliseconds);

    // The exception is summarised, not attached: its text is ours or the socket layer's and holds
    // no header, but a summary keeps stack traces of expected failures out of the logs.
    [LoggerMessage(12, LogLevel.Debug, "Juicebox {Method} {Uri} failed after {ElapsedMilliseconds:0.0} ms: {ExceptionType}: {ExceptionMessage}")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string uri, double elapsedMilliseconds, string exceptionType, string exceptionMessage);
}
