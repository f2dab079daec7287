namespace Juicebox.Client.Errors;

/// <summary>The error codes of the Juicebox error envelope.</summary>
public static class JuiceboxErrorCodes
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

    /// <summary>
    /// Not an upstream code: the client's own, for a 2xx answer whose body it could not read
    /// or that broke the contract (a page that hands back the cursor it was asked for, say).
    /// </summary>
    public const string InvalidResponse = "INVALID_RESPONSE";
}
