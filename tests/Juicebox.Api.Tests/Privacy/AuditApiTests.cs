using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Juicebox.Api.Tests.Privacy;

/// <summary><c>GET /api/v1/operator/audit</c> in Embedded mode: what is recorded (and what never is), paging and its limits.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class AuditApiTests(EmbeddedApiFactory factory) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _caller = factory.CreateAuthorizedClient();
    private readonly HttpClient _operator = factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _caller.Dispose();
        _operator.Dispose();
    }

    [Fact]
    public async Task AContactRead_IsRecordedWithClientProfileAndCorrelationId_ButNotTheContact()
    {
        var id = factory.NextProfileId();
        using (var enrich = await _caller.PostAsync($"/api/v1/profiles/{id}/enrich", content: null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Accepted, enrich.StatusCode);
        }

        await _caller.PollJsonAsync($"/api/v1/profiles/{id}/enrichment", s => s.GetProperty("status").GetString() is "done" or "skipped", $"{id} enriched", Timeout, Cancellation);
        var correlationId = "audit-contact-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/profiles/{id}");
        request.Headers.Add("X-Correlation-Id", correlationId);
        using var read = await _caller.SendAsync(request, Cancellation);
        var profile = await read.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var email = profile.GetProperty("contact").GetProperty("email").GetString()!;

        var (row, raw) = await WaitForRowAsync(row => Text(row, "correlationId") == correlationId, "the contact read's audit row");

        Assert.Equal("contact.read", Text(row, "action"));
        Assert.Equal("api-key-0", Text(row, "client"));
        Assert.Equal(id, Text(row, "profileId"));
        Assert.DoesNotContain(email, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedKey_IsRecordedAsUnknownWithAShortHashOfTheKey_NeverTheKey()
    {
        var key = "not-a-key-" + Guid.NewGuid().ToString("N");
        var correlationId = "audit-key-" + Guid.NewGuid().ToString("N");
        using var refused = factory.CreateAuthorizedClient(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/profiles/{factory.NextProfileId()}");
        request.Headers.Add("X-Correlation-Id", correlationId);
        using var response = await refused.SendAsync(request, Cancellation);

        var (row, raw) = await WaitForRowAsync(row => Text(row, "correlationId") == correlationId, "the refused key's audit row");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("key.rejected", Text(row, "action"));
        Assert.Equal("unknown", Text(row, "client"));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8], Text(row, "detail"));
        Assert.DoesNotContain(key, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErasure_IsRecordedUnderAPseudonym_NeverTheId()
    {
        var id = factory.NextProfileId();
        var correlationId = "audit-erase-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/profiles/{id}");
        request.Headers.Add("X-Correlation-Id", correlationId);
        using var erased = await _operator.SendAsync(request, Cancellation);

        var (row, raw) = await WaitForRowAsync(row => Text(row, "correlationId") == correlationId, "the erasure's audit row");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal("profile.erased", Text(row, "action"));
        Assert.Equal("operator-key-0", Text(row, "client"));
        Assert.StartsWith("erased-", Text(row, "profileId"), StringComparison.Ordinal);
        Assert.DoesNotContain(id, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadLetterRetry_IsRecordedWithItsCount()
    {
        var correlationId = "audit-retry-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/operator/enrichment/dead-letters/retry");
        request.Headers.Add("X-Correlation-Id", correlationId);
        using var retried = await _operator.SendAsync(request, Cancellation);
        var requeued = (await retried.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("requeued").GetInt32();

        var (row, _) = await WaitForRowAsync(row => Text(row, "correlationId") == correlationId, "the retry's audit row");

        Assert.Equal("dead-letters.retried", Text(row, "action"));
        Assert.Equal(requeued, row.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Pages_FollowOnFromNextAfter_WithoutRepeatingARow()
    {
        // At least three rows exist once these refused keys are recorded.
        for (var i = 0; i < 3; i++)
        {
            using var refused = factory.CreateAuthorizedClient("paging-refused-key-" + i);
            using var response = await refused.GetAsync("/api/v1/profiles?limit=1", Cancellation);
        }

        await _operator.PollJsonAsync("/api/v1/operator/audit?limit=3", page => page.GetProperty("items").GetArrayLength() == 3, "three audit rows", Timeout, Cancellation);
        var first = await _operator.GetFromJsonAsync<JsonElement>("/api/v1/operator/audit?limit=2", Cancellation);
        var next = first.GetProperty("nextAfter").GetInt64();
        var second = await _operator.GetFromJsonAsync<JsonElement>($"/api/v1/operator/audit?limit=2&after={next}", Cancellation);

        var firstIds = first.GetProperty("items").EnumerateArray().Select(row => row.GetProperty("id").GetInt64()).ToList();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(row => row.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, firstIds.Count);
        Assert.Equal(firstIds[^1], next);
        Assert.NotEmpty(secondIds);
        Assert.All(secondIds, id => Assert.True(id > next, $"row {id} should come after {next}"));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("after=-1")]
    [InlineData("after=x")]
    public async Task BadParameters_AreBadRequestProblems(string query)
    {
        using var response = await _operator.GetAsync($"/api/v1/operator/audit?{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheLog_IsForOperatorsOnly()
    {
        using var response = await _caller.GetAsync("/api/v1/operator/audit", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string? Text(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Pages through the whole log until a row matches (rows arrive within about a second: they are buffered).</summary>
    private async Task<(JsonElement Row, string Raw)> WaitForRowAsync(Func<JsonElement, bool> match, string awaited)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            long? after = null;
            var raw = new StringBuilder();
            while (true)
            {
                var url = "/api/v1/operator/audit?limit=1000" + (after is null ? "" : $"&after={after}");
                var text = await _operator.GetStringAsync(url, Cancellation);
                raw.Append(text);
                var page = JsonDocument.Parse(text).RootElement;
                foreach (var row in page.GetProperty("items").EnumerateArray())
                {
                    if (match(row))
                    {
                        return (row.Clone(), raw.ToString());
                    }
                }

                // The last page has no nextAfter (nulls are left out).
                if (!page.TryGetProperty("nextAfter", out var next) || next.ValueKind != JsonValueKind.Number)
                {
                    break;
                }

                after = next.GetInt64();
            }

            await Task.Delay(100, Cancellation);
        }

        throw new TimeoutException($"Waited {Timeout} for {awaited} in the audit log.");
    }
}
