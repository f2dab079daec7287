using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace Juicebox.ClientApi.Auth;

/// <summary>Accepts <c>Authorization: Bearer &lt;key&gt;</c> when the key is one of <see cref="ApiKeyAuthOptions.Keys"/>.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyAuthOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OperatorRole = "operator";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim());
        var options = keys.CurrentValue;
        var operatorIndex = IndexOf(options.OperatorKeys, presented);
        var index = operatorIndex < 0 ? IndexOf(options.Keys, presented) : -1;
        if (index < 0 && operatorIndex < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        // The key itself never becomes a claim: logs and traces see only which key it was.
        var identity = operatorIndex >= 0
            ? new ClaimsIdentity([new Claim(ClaimTypes.Name, $"operator-key-{operatorIndex}"), new Claim(ClaimTypes.Role, OperatorRole)], SchemeName)
            : new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key-{index}")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static int IndexOf(List<string> candidates, byte[] presented) =>
        candidates.FindIndex(key => CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
