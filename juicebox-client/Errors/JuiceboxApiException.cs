using System.Net;
using System.Text.Json;

namespace Juicebox.Client.Errors;

/// <summary>
/// A non-2xx answer from the Juicebox API. The message never contains the API key.
/// </summary>
public class JuiceboxApiException(
    HttpStatusCode statusCode,
    string errorCode,
    string message,
    RateLimitInfo rateLimit,
    JsonElement? details = null)
    : JuiceboxException($"Juicebox answered {(int)statusCode} {errorCode}: {message}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The <c>error.code</c> of the envelope, or a synthetic code when the body had none.</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>The <c>error.message</c> of the envelope.</summary>
    public string UpstreamMessage { get; } = message;

    /// <summary>The <c>error.details</c> of the envelope, when present.</summary>
    public JsonElement? Details { get; } = details;

    /// <summary>The rate-limit headers of the failed response.</summary>
    public RateLimitInfo RateLimit { get; } = rateLimit;

    public override TimeSpan? RetryAfter => RateLimit.RetryAfter;

    public override bool IsTransient =>
        StatusCode is HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;
}

/// <summary>400 <c>INVALID_QUERY</c>: <see cref="Position"/> is the 0-based offset of the error.</summary>
public sealed class JuiceboxInvalidQueryException(string message, int? position, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.BadRequest, JuiceboxErrorCodes.InvalidQuery, message, rateLimit, details)
{
    public int? Position { get; } = position;
}

/// <summary>400 <c>INVALID_REQUEST</c>.</summary>
public sealed class JuiceboxInvalidRequestException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.BadRequest, JuiceboxErrorCodes.InvalidRequest, message, rateLimit, details);

/// <summary>401 <c>AUTHENTICATION_FAILED</c>.</summary>
public sealed class JuiceboxAuthenticationException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.Unauthorized, JuiceboxErrorCodes.AuthenticationFailed, message, rateLimit, details);

/// <summary>403 <c>PERMISSION_DENIED</c>.</summary>
public sealed class JuiceboxPermissionDeniedException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.Forbidden, JuiceboxErrorCodes.PermissionDenied, message, rateLimit, details);

/// <summary>404 <c>NOT_FOUND</c>.</summary>
public sealed class JuiceboxNotFoundException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.NotFound, JuiceboxErrorCodes.NotFound, message, rateLimit, details);

/// <summary>429 <c>RATE_LIMITED</c>: the per-minute limit; <see cref="JuiceboxException.RetryAfter"/> says when.</summary>
public sealed class JuiceboxRateLimitedException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.TooManyRequests, JuiceboxErrorCodes.RateLimited, message, rateLimit, details);

/// <summary>429 <c>QUOTA_EXCEEDED</c>: a daily or monthly quota is spent until the reset.</summary>
public sealed class JuiceboxQuotaExceededException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.TooManyRequests, JuiceboxErrorCodes.QuotaExceeded, message, rateLimit, details);

/// <summary>500 <c>INTERNAL_ERROR</c>.</summary>
public sealed class JuiceboxInternalErrorException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.InternalServerError, JuiceboxErrorCodes.InternalError, message, rateLimit, details);

/// <summary>503 <c>SERVICE_UNAVAILABLE</c>.</summary>
public sealed class JuiceboxServiceUnavailableException(string message, RateLimitInfo rateLimit, JsonElement? details)
    : JuiceboxApiException(HttpStatusCode.ServiceUnavailable, JuiceboxErrorCodes.ServiceUnavailable, message, rateLimit, details);
