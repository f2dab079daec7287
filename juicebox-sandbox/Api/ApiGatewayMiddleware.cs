using Juicebox.Sandbox.Accounts;

namespace Juicebox.Sandbox.Api;

/// <summary>
/// Authenticates the bearer key, charges the request against the key's limits, checks the
/// endpoint's scope, and writes the rate-limit headers before anything else can answer.
/// </summary>
internal sealed class ApiGatewayMiddleware
{
    private const string BearerPrefix = "Bearer ";

    private readonly RequestDelegate _next;
    private readonly ApiKeyRegistry _keys;
    private readonly UsageTracker _usage;

    public ApiGatewayMiddleware(RequestDelegate next, ApiKeyRegistry keys, UsageTracker usage)
    {
        _next = next;
        _keys = keys;
        _usage = usage;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var anonymous = metadata?.GetMetadata<AnonymousCallMetadata>() is not null;
        var key = Identify(context);

        if (key is null)
        {
            RateLimitHeaders.Set(context, _usage.Anonymous());
            if (!anonymous)
            {
                await ApiResults.WriteAsync(context, ApiResults.Error(
                    StatusCodes.Status401Unauthorized,
                    ErrorCodes.AuthenticationFailed,
                    "A valid API key is required: Authorization: Bearer <key>."));
                return;
            }

            await _next(context);
            return;
        }

        if (anonymous)
        {
            // Health checks are free: they report the key's window without spending it.
            RateLimitHeaders.Set(context, _usage.Peek(key));
            await _next(context);
            return;
        }

        var charge = _usage.ChargeRequest(key);
        RateLimitHeaders.Set(context, charge.RateLimit);
        if (!charge.Allowed)
        {
            await ApiResults.WriteAsync(context, ApiResults.TooManyRequests(context, charge.RefusalCode!, charge.RetryAfter));
            return;
        }

        if (metadata?.GetMetadata<RequiredScopeMetadata>() is { } required && !key.HasScope(required.Scope))
        {
            await ApiResults.WriteAsync(context, ApiResults.Error(
                StatusCodes.Status403Forbidden,
                ErrorCodes.PermissionDenied,
                $"The key lacks the '{required.Scope}' scope.",
                new { scope = required.Scope }));
            return;
        }

        Caller.Set(context, key);
        await _next(context);
    }

    private ApiKey? Identify(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..].Trim();
        return _keys.TryGet(token, out var key) ? key : null;
    }
}
