using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Juicebox.Api.Tests;

/// <summary>The Orleans Dashboard at <c>/dashboard</c>: HTTP Basic with an operator key as the password, nobody else.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class DashboardApiTests(EmbeddedApiFactory factory)
{
    private const string OperatorUser = "operator";
    private const string ProfileGrainType = "Juicebox.Grains.Profiles.ProfileGrain";
    private static readonly TimeSpan _callsTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_WithoutCredentials_IsUnauthorized_AndAsksForBasic()
    {
        using var client = CreateClient(authorization: null);

        using var response = await client.GetAsync("/dashboard/", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
    }

    [Theory]
    [InlineData("an unknown key", HttpStatusCode.Unauthorized)]
    [InlineData("a caller key", HttpStatusCode.Forbidden)]
    [InlineData("no user name separator", HttpStatusCode.Unauthorized)]
    [InlineData("not base64", HttpStatusCode.Unauthorized)]
    [InlineData("an operator key as a bearer key", HttpStatusCode.Unauthorized)]
    public async Task Dashboard_RefusesAnythingButAnOperatorKeyThroughBasic(string credentials, HttpStatusCode expected)
    {
        var (scheme, parameter) = Credentials(credentials);
        using var client = CreateClient(new AuthenticationHeaderValue(scheme, parameter));

        using var page = await client.GetAsync("/dashboard/", Cancellation);
        using var counters = await client.GetAsync("/dashboard/DashboardCounters", Cancellation);

        Assert.Equal(expected, page.StatusCode);
        Assert.Equal(expected, counters.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithAnOperatorKey_ServesThePage()
    {
        using var client = CreateClient(new AuthenticationHeaderValue("Basic", Basic(EmbeddedApiFactory.OperatorKey)));

        using var redirect = await client.GetAsync("/dashboard", Cancellation);
        using var page = await client.GetAsync("/dashboard/", Cancellation);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/dashboard/", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithAnOperatorKey_ShowsTheEmbeddedSilo_AndTheProfileGrainsCalls()
    {
        using var dashboard = CreateClient(new AuthenticationHeaderValue("Basic", Basic(EmbeddedApiFactory.OperatorKey)));
        using var api = factory.CreateAuthorizedClient();
        var profileId = factory.NextProfileId();
        var clock = Stopwatch.StartNew();

        // The silo counts calls only once the dashboard has been asked for its counters, and reports them
        // once a second: read and ask until it shows some.
        JsonElement counters;
        while (true)
        {
            using var read = await api.GetAsync($"/api/v1/profiles/{profileId}", Cancellation);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            counters = await dashboard.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters", Cancellation);
            if (ProfileGrainCalls(counters) > 0)
            {
                break;
            }

            Assert.True(clock.Elapsed < _callsTimeout, $"Waited {_callsTimeout.TotalSeconds:0} s for the dashboard to count calls of ProfileGrain; it counted none.");
            await Task.Delay(_pollInterval, Cancellation);
        }

        var host = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Equal("Active", host.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Dashboard_DoesNotShowGrainState_EvenToAnOperator()
    {
        using var client = CreateClient(new AuthenticationHeaderValue("Basic", Basic(EmbeddedApiFactory.OperatorKey)));

        using var response = await client.GetAsync(
            $"/dashboard/GrainState?grainId=p:{factory.NextProfileId()}&grainType={ProfileGrainType}", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_LeavesTheDashboardOut()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation);

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/api/v1/profiles/{id}", paths);
        Assert.DoesNotContain(paths, path => path.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    private HttpClient CreateClient(AuthenticationHeaderValue? authorization)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    private static long ProfileGrainCalls(JsonElement counters) =>
        counters.GetProperty("simpleGrainStats").EnumerateArray()
            .Where(stat => stat.GetProperty("grainType").GetString() == ProfileGrainType)
            .Sum(stat => stat.GetProperty("totalCalls").GetInt64());

    private static string Basic(string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OperatorUser}:{password}"));

    private static (string Scheme, string Parameter) Credentials(string name) => name switch
    {
        "an unknown key" => ("Basic", Basic("not-a-configured-key-0001")),
        "a caller key" => ("Basic", Basic(EmbeddedApiFactory.ApiKey)),
        "no user name separator" => ("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(EmbeddedApiFactory.OperatorKey))),
        "not base64" => ("Basic", "%%%"),
        "an operator key as a bearer key" => ("Bearer", EmbeddedApiFactory.OperatorKey),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown credentials."),
    };
}
