using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Juicebox.ClientApi.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests.Clients;

/// <summary>
/// Every endpoint the app maps, read from ASP.NET's endpoint data source, against the scope it needs:
/// a route added without an entry in <see cref="Expected"/> fails this test.
/// </summary>
[Collection(ClientsApiCollection.Name)]
public sealed partial class EndpointScopeTests(ClientsApiFactory factory)
{
    private const string Anonymous = "(anonymous)";
    private const string Dashboard = "(dashboard: operator through HTTP Basic)";

    /// <summary>"METHOD route pattern" to the scope it needs, <see cref="Anonymous"/> or <see cref="Dashboard"/>.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["* health/live"] = Anonymous,
        ["* health/ready"] = Anonymous,
        ["* metrics"] = Anonymous,
        ["GET _diagnostics/process"] = Anonymous,
        ["GET _diagnostics/constant"] = Anonymous,
        ["POST _diagnostics/probe-activations"] = Anonymous,
        ["GET openapi/{documentName}.json"] = Anonymous,
        ["GET scalar/{documentName?}"] = Anonymous,
        ["GET scalar/scalar.js"] = Anonymous,
        ["GET scalar/scalar.aspnetcore.js"] = Anonymous,
        ["GET scalar/favicon.svg"] = Anonymous,
        ["GET api/v1/profiles/{id}"] = ApiScopes.ProfilesRead,
        ["GET api/v1/profiles/"] = ApiScopes.ProfilesRead,
        ["POST api/v1/profiles/{id}/enrich"] = ApiScopes.Enrich,
        ["GET api/v1/profiles/{id}/enrichment"] = ApiScopes.Enrich,
        ["POST api/v1/enrichments/"] = ApiScopes.Enrich,
        ["GET api/v1/enrichments/{jobId:guid}"] = ApiScopes.Enrich,
        ["GET api/v1/enrichments/{jobId:guid}/events"] = ApiScopes.Enrich,
        ["GET api/v1/enrichments/{jobId:guid}/failures"] = ApiScopes.Enrich,
        ["GET api/v1/enrichments/{jobId:guid}/results"] = ApiScopes.Enrich,
        ["POST api/v1/search/"] = ApiScopes.Search,
        ["GET api/v1/operator/budget"] = ApiScopes.Operator,
        ["GET api/v1/operator/enrichment/queue"] = ApiScopes.Operator,
        ["GET api/v1/operator/enrichment/dead-letters"] = ApiScopes.Operator,
        ["POST api/v1/operator/enrichment/dead-letters/retry"] = ApiScopes.Operator,
        ["GET api/v1/operator/cluster"] = ApiScopes.Operator,
        ["GET api/v1/operator/clients"] = ApiScopes.Operator,
        ["DELETE api/v1/profiles/{id}"] = ApiScopes.ProfilesErase,
        ["GET api/v1/operator/audit"] = ApiScopes.Operator,

        // Authenticated by the body's signature, not a key (and off here: no secret is configured).
        ["POST webhooks/juicebox"] = Anonymous,
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpoint_RefusesNoKey_AndAKeyWithoutItsScope_AndAdmitsItsScope()
    {
        using var anonymous = factory.CreateClient();
        var endpoints = Endpoints();
        var unexpected = endpoints.Where(endpoint => ExpectationFor(endpoint) is null).Select(endpoint => endpoint.Key).ToList();
        Assert.True(unexpected.Count == 0, "Endpoints without an expected scope in EndpointScopeTests.Expected: " + string.Join(", ", unexpected));
        var unmapped = Expected.Keys.Where(key => !key.StartsWith("* ", StringComparison.Ordinal) && endpoints.All(endpoint => endpoint.Key != key)).ToList();
        Assert.True(unmapped.Count == 0, "Expected endpoints the app does not map: " + string.Join(", ", unmapped));

        foreach (var endpoint in endpoints)
        {
            var expected = ExpectationFor(endpoint)!;
            var url = Url(endpoint.Pattern, endpoint.Method);
            if (expected == Anonymous)
            {
                using var open = await SendAsync(anonymous, endpoint.Method, url, authorization: null);
                Assert.False(open.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{endpoint.Key} is anonymous, answered {open.StatusCode}");
                continue;
            }

            var scope = expected == Dashboard ? ApiScopes.Operator : expected;
            var scheme = expected == Dashboard ? "Basic" : "Bearer";
            AuthenticationHeaderValue Credentials(string key) =>
                new(scheme, scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + key)) : key);

            using var noKey = await SendAsync(anonymous, endpoint.Method, url, authorization: null);
            Assert.True(noKey.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint.Key} without a key answered {noKey.StatusCode}");

            using var wrongScope = await SendAsync(anonymous, endpoint.Method, url, Credentials(ClientsApiFactory.ExceptKey(scope)));
            Assert.True(wrongScope.StatusCode == HttpStatusCode.Forbidden, $"{endpoint.Key} with every scope but {scope} answered {wrongScope.StatusCode}");
            var problem = await wrongScope.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(scope, problem.GetProperty("scope").GetString());
            Assert.Contains($"'{scope}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            using var rightScope = await SendAsync(anonymous, endpoint.Method, url, Credentials(ClientsApiFactory.OnlyKey(scope)));
            Assert.False(
                rightScope.StatusCode is HttpStatusCode.Unauthorized || (rightScope.StatusCode is HttpStatusCode.Forbidden && !IsGrainStatePage(endpoint)),
                $"{endpoint.Key} with only {scope} answered {rightScope.StatusCode}");
        }
    }

    [Fact]
    public async Task NoOrAnUnknownKey_IsA401Problem_AskingForABearerKey()
    {
        using var client = factory.CreateAuthorizedClient("no-such-key-at-all-0001");

        using var response = await client.GetAsync("/api/v1/profiles/", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    private static bool IsGrainStatePage(EndpointInfo endpoint) => endpoint.Pattern.Contains("GrainState", StringComparison.OrdinalIgnoreCase);

    private static string? ExpectationFor(EndpointInfo endpoint) =>
        endpoint.Pattern.StartsWith("dashboard", StringComparison.OrdinalIgnoreCase) ? Dashboard
        : Expected.GetValueOrDefault(endpoint.Key);

    private List<EndpointInfo> Endpoints()
    {
        using var started = factory.CreateClient();
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                return methods is null or { Count: 0 }
                    ? [new EndpointInfo("*", pattern)]
                    : methods.Select(method => new EndpointInfo(method, pattern));
            })
            .Distinct()];
    }

    // An erasure gets a profile of its own, so that the reads of profile 0 still find it.
    private string Url(string pattern, string method) => "/" + RouteParameter().Replace(pattern, match => match.Groups["name"].Value switch
    {
        "id" when method == "DELETE" => factory.Sandbox.GetProfileId(9_999),
        "id" => factory.Sandbox.GetProfileId(0),
        "jobId" => Guid.NewGuid().ToString(),
        "documentName" => "v1",
        _ when match.Value.Contains(":int", StringComparison.Ordinal) => "1",
        _ => match.Value.Contains('?', StringComparison.Ordinal) || match.Value.Contains('*', StringComparison.Ordinal) ? string.Empty : "x",
    });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), url);
        request.Headers.Authorization = authorization;
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private sealed record EndpointInfo(string Method, string Pattern)
    {
        public string Key => $"{Method} {Pattern}";
    }
}
