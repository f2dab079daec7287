using Juicebox.ClientApi.OpenApi;
using Microsoft.AspNetCore.Authorization;

namespace Juicebox.Api.Tests.Contract;

/// <summary>How an endpoint's authorization metadata becomes its security requirement in the document.</summary>
public sealed class EndpointSecurityTests
{
    [Fact]
    public void AnEndpointWithoutAuthorization_NeedsNoKey() =>
        Assert.Null(EndpointSecurity.RequiredScopes([]));

    [Fact]
    public void AnAnonymousEndpoint_NeedsNoKey_EvenInsideAnAuthorizedGroup() =>
        Assert.Null(EndpointSecurity.RequiredScopes([new AuthorizeAttribute(), new AllowAnonymousAttribute()]));

    [Fact]
    public void RequireAuthorization_NeedsAnyValidKey() =>
        Assert.Empty(EndpointSecurity.RequiredScopes([new AuthorizeAttribute()])!);

    [Fact]
    public void TheOperatorPolicy_NeedsTheOperatorScope() =>
        Assert.Equal(["operator"], EndpointSecurity.RequiredScopes([new AuthorizeAttribute("operator")])!);

    [Fact]
    public void AScopePolicy_NeedsItsScope() =>
        Assert.Equal(["contact:read", "enrich"], EndpointSecurity.RequiredScopes([new AuthorizeAttribute("scope:enrich"), new AuthorizeAttribute("scope:contact:read")])!);
}
