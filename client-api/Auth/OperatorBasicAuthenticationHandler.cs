using System.Text;
using System.Text.Encodings.Web;
using Juicebox.ClientApi.Auditing;
using Microsoft.AspNetCore.Authentication;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// HTTP Basic for the pages people open in a browser (the dashboard), which cannot send a bearer key:
/// any user name, and a client's key as the password. It names the same principals as the bearer
/// scheme, so only a key with the operator scope passes the dashboard's policy.
/// </summary>
internal sealed class OperatorBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiClientRegistry clients,
    ApiClientTickets tickets,
    AuditTrail audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "OperatorBasic";
    private const string BasicPrefix = "Basic ";
    private const string Challenge = "Basic realm=\"Orleans.Juicebox operators\", charset=\"UTF-8\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (ReadPassword(header[BasicPrefix.Length..].Trim()) is not { } password)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64 of 'user:password'."));
        }

        var client = clients.Find(password);
        if (client is null)
        {
            audit.KeyRejected(password);
            return Task.FromResult(AuthenticateResult.Fail("The password is not a valid key."));
        }

        return tickets.SuccessFor(client, SchemeName);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Challenge;
        return base.HandleChallengeAsync(properties);
    }

    /// <summary>The password of RFC 7617 credentials: everything after the first colon (a user id has none).</summary>
    private static string? ReadPassword(string encoded)
    {
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
