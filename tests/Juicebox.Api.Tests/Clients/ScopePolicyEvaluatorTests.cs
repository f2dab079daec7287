using Juicebox.ClientApi.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests.Clients;

/// <summary>
/// A scope policy is granted to a client holding the scope without ASP.NET Core's general evaluation;
/// everything else (a missing scope, another requirement, another principal) is decided by it.
/// </summary>
public sealed class ScopePolicyEvaluatorTests
{
    private static readonly ClientApi.Auth.ApiClient Crm = new("crm", [ApiScopes.ProfilesRead, ApiScopes.Search], RequestsPerMinute: null, EnrichmentsPerMonth: null);

    [Fact]
    public async Task A_held_scope_is_granted_without_the_default_evaluator()
    {
        // No PolicyEvaluator is registered: reaching it would throw.
        var context = await ContextAsync(Crm, new ServiceCollection());
        var evaluator = new ScopePolicyEvaluator();
        var policy = ScopePolicy(ApiScopes.Search);

        var authenticated = await evaluator.AuthenticateAsync(policy, context);
        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, context, resource: null);

        Assert.True(authenticated.Succeeded);
        Assert.Same(context.User, authenticated.Principal);
        Assert.True(authorized.Succeeded);
    }

    [Fact]
    public async Task A_missing_scope_is_refused_by_the_default_evaluator_naming_the_scope()
    {
        var context = await ContextAsync(Crm, WithDefaultEvaluator());
        var evaluator = new ScopePolicyEvaluator();
        var policy = ScopePolicy(ApiScopes.ContactRead);

        var authorized = await evaluator.AuthorizeAsync(policy, await evaluator.AuthenticateAsync(policy, context), context, resource: null);

        Assert.True(authorized.Forbidden);
        var failed = Assert.IsType<Microsoft.AspNetCore.Authorization.Infrastructure.ClaimsAuthorizationRequirement>(Assert.Single(authorized.AuthorizationFailure!.FailedRequirements));
        Assert.Equal([ApiScopes.ContactRead], failed.AllowedValues!);
    }

    [Fact]
    public async Task A_policy_with_another_requirement_goes_to_the_default_evaluator()
    {
        var context = await ContextAsync(Crm, WithDefaultEvaluator());
        var evaluator = new ScopePolicyEvaluator();
        var policy = new AuthorizationPolicyBuilder().RequireClaim(ApiScopes.ClaimType, ApiScopes.Search).RequireRole("admin").Build();

        var authorized = await evaluator.AuthorizeAsync(policy, await evaluator.AuthenticateAsync(policy, context), context, resource: null);

        Assert.True(authorized.Forbidden);
    }

    private static AuthorizationPolicy ScopePolicy(string scope) => new AuthorizationPolicyBuilder().RequireClaim(ApiScopes.ClaimType, scope).Build();

    private static ServiceCollection WithDefaultEvaluator()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorization();
        services.AddTransient<PolicyEvaluator>();
        return services;
    }

    private static async Task<HttpContext> ContextAsync(ClientApi.Auth.ApiClient client, ServiceCollection services) => new DefaultHttpContext
    {
        User = (await new ApiClientTickets().SuccessFor(client, "ApiKey")).Principal!,
        RequestServices = services.BuildServiceProvider(),
    };
}
