using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Api.Tests.Faults;

/// <summary>
/// The upstream down (every call 503, then every connection dropped), slow (3 s a call) and lying
/// (malformed JSON, wrong field types), in Embedded mode with short durations: profiles read before
/// are served throughout (stale, saying why), cold reads get a fast 503 + Retry-After once the
/// breaker is open (visible in /metrics and the operator budget), a job submitted meanwhile finishes
/// afterwards with nothing given up, lies are never stored and answered 503 + Retry-After
/// (<c>INVALID_RESPONSE</c>: the upstream unwell, worth a retry), and nothing answers another 5xx.
/// </summary>
public sealed class UpstreamOutageTests : IAsyncLifetime
{
    private const int HotProfiles = 8;
    private const int JobProfiles = 24;
    private static readonly TimeSpan _stateLimit = TimeSpan.FromSeconds(60);

    private readonly EmbeddedApiFactory _factory = new EmbeddedApiFactory()
        .WithSetting("Logging:LogLevel:Default", "Warning")
        .WithSetting("Juicebox:Resilience:AttemptTimeout", "00:00:01")
        .WithSetting("Juicebox:Resilience:CircuitBreaker:MinimumThroughput", "4")
        .WithSetting("Juicebox:Resilience:CircuitBreaker:SamplingDuration", "00:00:05")
        .WithSetting("Juicebox:Resilience:CircuitBreaker:BreakDuration", "00:00:02")
        .WithSetting("ProfileCache:TimeToLive", "00:00:01")
        .WithSetting("Enrichment:RetryBaseDelay", "00:00:00.200")
        .WithSetting("Enrichment:MaxRetryDelay", "00:00:01")
        .WithSetting("Enrichment:MaxAttempts", "2");

    private SandboxControl? _upstream;

    private SandboxControl Upstream => _upstream ?? throw new InvalidOperationException("Not initialized.");

    public ValueTask InitializeAsync()
    {
        _upstream = new SandboxControl(_factory.Sandbox.RootAddress);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _upstream?.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task UpstreamDownSlowAndLying_KnownProfilesServed_ColdReadsFast503_JobFinishesAfter_LiesNeverStored()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var api = _factory.CreateAuthorizedClient();
        using var operatorApi = _factory.CreateAuthorizedClient(EmbeddedApiFactory.OperatorKey);
        var hot = Enumerable.Range(0, HotProfiles).Select(index => _factory.NextProfileId()).ToList();
        foreach (var id in hot)
        {
            // A first read may outlast the 1 s attempt timeout on a busy machine: that is a 503 to retry.
            await Eventually.WaitForAsync(
                async token => (await ReadAsync(api, id, token)).Status == HttpStatusCode.OK,
                _stateLimit,
                $"profile {id} to be read before the outage",
                cancellationToken);
        }

        var answers = new List<Read>();
        await Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, cancellationToken);
        using var submitted = await api.PostAsJsonAsync(
            "/api/v1/enrichments", new { profileIds = Enumerable.Range(0, JobProfiles).Select(index => _factory.NextProfileId()).ToList() }, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var statusUrl = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("statusUrl").GetString()!;

        // Down (503): reads until the breaker opens and cold reads fail fast with CIRCUIT_OPEN.
        Read? circuitOpen = null;
        await Eventually.WaitForAsync(
            async token =>
            {
                answers.AddRange(await ReadAllAsync(api, hot, token));
                var cold = await ReadAsync(api, _factory.NextProfileId(), token);
                answers.Add(cold);
                circuitOpen = cold.UpstreamCode == "CIRCUIT_OPEN" ? cold : null;
                return circuitOpen is not null;
            },
            _stateLimit,
            "the circuit breaker to open while every upstream call fails",
            cancellationToken);

        // A known profile past its 1 s time to live is served stale, saying why (polled: on a loaded
        // machine the reads above may all fall within a time to live).
        await Eventually.WaitForAsync(
            async token =>
            {
                var read = await ReadAsync(api, hot[0], token);
                answers.Add(read);
                return read.Cache == "stale" && read.UpstreamError is not null;
            },
            _stateLimit,
            $"known profile {hot[0]} to be served stale, with the upstream's error, while the upstream is down",
            cancellationToken);
        var budget = await operatorApi.GetFromJsonAsync<JsonElement>("/api/v1/operator/budget", cancellationToken);
        // Polled with a read between scrapes: a scrape can fall in a moment the breaker is half-open.
        var metrics = string.Empty;
        await Eventually.WaitForAsync(
            async token =>
            {
                metrics = await api.GetStringAsync("/metrics", token);
                if (metrics.Split('\n').Any(IsOpenCircuitLine))
                {
                    return true;
                }

                answers.Add(await ReadAsync(api, hot[0], token));
                return false;
            },
            _stateLimit,
            "/metrics to show an open circuit while the upstream is down",
            cancellationToken);

        // Down (connections dropped), slow (3 s a call against a 1 s attempt timeout), lying.
        foreach (var faults in new[]
        {
            new SandboxFaultOptions { DropConnections = true },
            new SandboxFaultOptions { LatencyMs = 3_000 },
            new SandboxFaultOptions { MalformedRate = 0.5, WrongTypesRate = 0.5 },
        })
        {
            await Upstream.SetFaultsAsync(faults, cancellationToken);
            answers.AddRange(await ReadAllAsync(api, hot, cancellationToken));
            answers.Add(await ReadAsync(api, _factory.NextProfileId(), cancellationToken));
        }

        // Past the breaker (a lie is a 200 to it, so it closes again): a cold read meets a lie itself.
        Read? lie = null;
        await Eventually.WaitForAsync(
            async token => (lie = await ReadAsync(api, _factory.NextProfileId(), token)).UpstreamCode == "INVALID_RESPONSE",
            _stateLimit,
            "a cold read to meet a malformed or mistyped upstream answer rather than the open breaker",
            cancellationToken);
        var liedTo = lie!.Id;
        await Upstream.ClearFaultsAsync(cancellationToken);

        var finished = await api.PollJsonAsync(statusUrl, progress => progress.TryGetProperty("finishedAt", out var at) && at.ValueKind != JsonValueKind.Null,
            "the job to finish once the upstream is back", _stateLimit, cancellationToken);
        var deadLetters = await operatorApi.GetFromJsonAsync<JsonElement>("/api/v1/operator/enrichment/dead-letters", cancellationToken);
        Read? afterLie = null;
        await Eventually.WaitForAsync(
            async token => (afterLie = await ReadAsync(api, liedTo, token)).Status != HttpStatusCode.ServiceUnavailable,
            _stateLimit,
            $"profile {liedTo}, lied about before, to be answered once the upstream is back",
            cancellationToken);
        var hotAfter = await ReadAllAsync(api, hot, cancellationToken);

        var known = answers.Where(answer => hot.Contains(answer.Id)).ToList();
        var cold = answers.Where(answer => !hot.Contains(answer.Id)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{known.Count} reads of known profiles ({known.Count(read => read.Cache == "stale")} stale), {cold.Count} cold reads: "
            + string.Join(", ", cold.GroupBy(read => $"{read.Status}/{read.UpstreamCode}").Select(group => $"{group.Key} x{group.Count()}"))
            + $"; lie read: {lie}; job: {finished}");

        Assert.All(answers.Append(lie).Concat(hotAfter), read => Assert.True((int)read.Status < 500 || read.Status is HttpStatusCode.ServiceUnavailable, read.ToString()));
        Assert.All(known, read => Assert.True(read.Status == HttpStatusCode.OK && read.ProfileId == read.Id, $"A known profile was not served: {read}"));
        Assert.Contains(known, read => read.Cache == "stale" && read.UpstreamError is not null);
        Assert.All(cold, read => Assert.True(read.IsProblem && read.Status == HttpStatusCode.ServiceUnavailable && read.HasRetryAfter, $"A cold read during the outage: {read}"));
        Assert.True(budget.GetProperty("openCircuits").GetArrayLength() > 0, $"The operator budget shows no open circuit: {budget}");
        Assert.Contains(metrics.Split('\n'), IsOpenCircuitLine);
        Assert.True(lie.IsProblem && lie.Status == HttpStatusCode.ServiceUnavailable && lie.HasRetryAfter, $"A lying upstream's answer: {lie}");
        Assert.True(afterLie!.Status == HttpStatusCode.OK && afterLie.ProfileId == liedTo, $"After the lies: {afterLie}");
        Assert.All(hotAfter, read => Assert.True(read.Status == HttpStatusCode.OK && read.ProfileId == read.Id, read.ToString()));
        Assert.Equal(JobProfiles, finished.GetProperty("done").GetInt32());
        Assert.Equal(0, finished.GetProperty("failed").GetInt32());
        Assert.Equal(0, deadLetters.GetProperty("items").GetArrayLength());
    }

    private static async Task<List<Read>> ReadAllAsync(HttpClient api, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        List<Read> reads = [];
        foreach (var id in ids)
        {
            reads.Add(await ReadAsync(api, id, cancellationToken));
        }

        return reads;
    }

    private static async Task<Read> ReadAsync(HttpClient api, string id, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync($"/api/v1/profiles/{id}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        JsonElement? json = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null;
        return new Read(
            id,
            response.StatusCode,
            isProblem && json?.GetProperty("status").GetInt32() == (int)response.StatusCode,
            response.Headers.RetryAfter is not null,
            Header(response, "X-Cache"),
            Header(response, "X-Upstream-Error"),
            !isProblem && json?.TryGetProperty("id", out var profileId) == true ? profileId.GetString() : null,
            isProblem && json?.TryGetProperty("upstreamCode", out var code) == true ? code.GetString() : null);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private sealed record Read(
        string Id, HttpStatusCode Status, bool IsProblem, bool HasRetryAfter, string? Cache, string? UpstreamError, string? ProfileId, string? UpstreamCode)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Id}: {(int)Status} problem={IsProblem} retry-after={HasRetryAfter} cache={Cache ?? "-"} upstream-error={UpstreamError ?? "-"} code={UpstreamCode ?? "-"}");
    }

    private static bool IsOpenCircuitLine(string line) =>
        line.StartsWith("juicebox_upstream_circuit_open", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" 1", StringComparison.Ordinal);
}
