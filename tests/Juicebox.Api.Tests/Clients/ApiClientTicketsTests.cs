using System.Security.Claims;
using Juicebox.ClientApi.Auth;

namespace Juicebox.Api.Tests.Clients;

/// <summary>A client's authentication is made once per scheme and shared; its scopes read the same as its claims.</summary>
public sealed class ApiClientTicketsTests
{
    private static readonly ClientApi.Auth.ApiClient Crm = new("crm", [ApiScopes.ProfilesRead, ApiScopes.Search], RequestsPerMinute: null, EnrichmentsPerMonth: null);
    private static readonly ClientApi.Auth.ApiClient Ops = new("ops", [ApiScopes.Operator], RequestsPerMinute: null, EnrichmentsPerMonth: null);

    [Fact]
    public async Task Every_request_with_one_clients_key_gets_the_same_ticket_and_each_scheme_its_own()
    {
        var tickets = new ApiClientTickets();

        var first = await tickets.SuccessFor(Crm, "ApiKey");
        var again = await tickets.SuccessFor(Crm, "ApiKey");
        var basic = await tickets.SuccessFor(Crm, "OperatorBasic");
        var other = await tickets.SuccessFor(Ops, "ApiKey");

        Assert.True(first.Succeeded);
        Assert.Same(first, again);
        Assert.NotSame(first.Principal, basic.Principal);
        Assert.Equal("OperatorBasic", basic.Ticket!.AuthenticationScheme);
        Assert.Equal("OperatorBasic", basic.Principal!.Identity!.AuthenticationType);
        Assert.Equal("ops", other.Principal!.Identity!.Name);
    }

    [Fact]
    public async Task The_principal_names_the_client_and_carries_one_claim_per_scope()
    {
        var principal = (await new ApiClientTickets().SuccessFor(Crm, "ApiKey")).Principal!;

        Assert.Equal("crm", principal.Identity!.Name);
        Assert.True(principal.Identity.IsAuthenticated);
        Assert.Equal([ApiScopes.ProfilesRead, ApiScopes.Search], principal.FindAll(ApiScopes.ClaimType).Select(claim => claim.Value));
    }

    [Fact]
    public async Task HasScope_answers_for_a_clients_principal_as_its_claims_do()
    {
        var principal = (await new ApiClientTickets().SuccessFor(Crm, "ApiKey")).Principal!;
        var sameClaims = new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, "ApiKey"));

        foreach (var scope in ApiScopes.All)
        {
            Assert.Equal(sameClaims.HasScope(scope), principal.HasScope(scope));
        }

        Assert.True(principal.HasScope(ApiScopes.Search));
        Assert.False(principal.HasScope(ApiScopes.ContactRead));
        Assert.False(principal.HasScope(ApiScopes.Search.ToUpperInvariant()));
    }
}
