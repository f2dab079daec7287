namespace Juicebox.Sandbox.Api;

/// <summary>The error codes of the contract's error envelope.</summary>
internal static class ErrorCodes
{
    public const string InvalidQuery = "INVALID_QUERY";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string AuthenticationFailed = "AUTHENTICATION_FAILED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string NotFound = "NOT_FOUND";
    public const string RateLimited = "RATE_LIMITED";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>The code for a bare status, when something other than a handler refused the call.</summary>
    public static string ForStatus(int status)
    {
        return status switch
        {
            400 => InvalidRequest,
            401 => AuthenticationFailed,
            403 => PermissionDenied,
            404 => NotFound,
            429 => RateLimited,
            503 => ServiceUnavailable,
            >= 500 => InternalError,
            _ => InvalidRequest,
        };
    }
}
