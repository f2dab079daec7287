using Juicebox.GrainInterfaces.Telemetry;
using Microsoft.Extensions.Logging.Testing;

namespace Juicebox.Api.Tests.Telemetry;

[Collection(TelemetryApiCollection.Name)]
public sealed class CorrelationTests(TelemetryApiFactory factory) : IDisposable
{
    private const string EndpointCategory = "Microsoft.AspNetCore.Routing.EndpointMiddleware";
    private const string ProfileGrainCategory = "Juicebox.Grains.Profiles.ProfileGrain";
    private const string UpstreamCategory = "Juicebox.Client.Http.JuiceboxHttpLogger";

    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ACallersCorrelationId_IsEchoed_AndCarriedThroughTheGrainToTheUpstreamCall()
    {
        const string CorrelationId = "abc-123";
        var id = factory.NextProfileId();

        using var response = await GetProfileAsync(id, CorrelationId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CorrelationId, response.Headers.GetValues(Correlation.HeaderName).Single());
        var records = RecordsOf(CorrelationId);
        Assert.Contains(records, record => record.Category == EndpointCategory);
        Assert.Contains(records, record => record.Category == ProfileGrainCategory && record.Message.Contains(id, StringComparison.Ordinal));
        Assert.Contains(records, record => record.Category == UpstreamCategory && record.Message.Contains($"/profiles/{id}", StringComparison.Ordinal));
        Assert.Contains(factory.UpstreamCalls, call => call.Path.EndsWith($"/profiles/{id}", StringComparison.Ordinal) && call.CorrelationId == CorrelationId);

        // Every record of the grain and the upstream call for this profile is the request's.
        Assert.All(
            factory.Logs.GetSnapshot().Where(record =>
                record.Category is ProfileGrainCategory or UpstreamCategory && record.Message.Contains(id, StringComparison.Ordinal)),
            record => Assert.Equal(new[] { CorrelationId }, LogRecordText.CorrelationIds(record)));
    }

    [Fact]
    public async Task ARequestWithoutACorrelationId_GetsItsTraceIdAsOne()
    {
        using var response = await GetProfileAsync(factory.NextProfileId(), correlationId: null);

        var generated = response.Headers.GetValues(Correlation.HeaderName).Single();
        Assert.Matches("^[0-9a-f]{32}$", generated);
        var endpoint = RecordsOf(generated).Where(record => record.Category == EndpointCategory).ToList();
        Assert.NotEmpty(endpoint);
        Assert.All(endpoint, record => Assert.Equal(generated, LogRecordText.ScopeValue(record, "TraceId")));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("quote\"d")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task AnInvalidCorrelationId_IsReplaced_AndNeverLogged(string invalid)
    {
        var presented = $"{invalid}-{Guid.NewGuid():N}";
        var id = factory.NextProfileId();

        using var response = await GetProfileAsync(id, presented);

        var replacement = response.Headers.GetValues(Correlation.HeaderName).Single();
        Assert.Matches("^[0-9a-f]{32}$", replacement);
        Assert.Contains(factory.UpstreamCalls, call => call.Path.EndsWith($"/profiles/{id}", StringComparison.Ordinal) && call.CorrelationId == replacement);
        Assert.Contains(RecordsOf(replacement), record => record.Category == ProfileGrainCategory);
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), record => LogRecordText.AllText(record).Any(text => text.Contains(presented, StringComparison.Ordinal)));
    }

    private async Task<HttpResponseMessage> GetProfileAsync(string id, string? correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/profiles/{id}");
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation(Correlation.HeaderName, correlationId);
        }

        return await _client.SendAsync(request, Cancellation);
    }

    private List<FakeLogRecord> RecordsOf(string correlationId) =>
        [.. factory.Logs.GetSnapshot().Where(record => LogRecordText.CorrelationIds(record).Contains(correlationId))];
}
