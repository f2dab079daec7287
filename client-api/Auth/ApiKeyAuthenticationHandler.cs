using System.Text.Encodings.Web;
using Juicebox.ClientApi.Auditing;
using Microsoft.AspNetCore.Authentication;

namespace Juicebox.ClientApi.Auth;

/// <summary>Accepts <c>Authorization: Bearer &lt;key&gt;</c> when the key is a configured client's (<see cref="ApiClientRegistry"/>).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiClientRegistry clients,
    ApiClientTickets tickets,
    VerifiedKeyHeaders verified,
    AuditTrail audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (verified.TryGet(header, out var known))
        {
            return tickets.SuccessFor(known, SchemeName);
        }

        // The key itself never becomes a claim or a message: logs and traces see only the client's name;
        // the audit log keeps a short hash of a refused one.
        var presented = header[BearerPrefix.Length..].Trim();
        var client = clients.Find(presented);
        if (client is null)
        {
            audit.KeyRejected(presented);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        verified.Remember(header, client);
        return tickets.SuccessFor(client, SchemeName);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
