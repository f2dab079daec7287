using System.Net;
using Microsoft.Extensions.Logging;

namespace Juicebox.Client;

/// <summary>The client's log messages. None of them carries a header, a body or the key.</summary>
internal static partial class JuiceboxClientLog
{
    [LoggerMessage(1, LogLevel.Debug, "Juicebox {Method} {Path} answered {StatusCode} {ErrorCode}")]
    public static partial void UpstreamError(ILogger logger, HttpMethod method, string path, HttpStatusCode statusCode, string errorCode);

    [LoggerMessage(2, LogLevel.Debug, "Juicebox {Method} {Path} got no answer: {Failure}")]
    public static partial void TransportFailure(ILogger logger, HttpMethod method, string path, Errors.JuiceboxTransportFailure failure);
}
