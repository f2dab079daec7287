namespace Juicebox.Bench.Tests;

/// <summary>The JSON shape the benchmark and the load generator share.</summary>
public sealed class LoadPlanJsonTests
{
    [Fact]
    public void Plan_RoundTrips_WithCamelCaseNamesAndEnumStrings()
    {
        var plan = new LoadPlan
        {
            BaseAddress = "http://127.0.0.1:5000",
            PathTemplate = "/api/v1/profiles/{id}",
            IdsFile = "/tmp/ids.txt",
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer x" },
            Order = LoadOrder.Zipf,
            ZipfExponent = 1.1,
            DurationSeconds = 30,
            CountHeaders = ["X-Cache"],
        };

        var json = LoadPlanJson.Serialize(plan);
        var parsed = LoadPlanJson.ParsePlan(json);

        Assert.Contains("\"order\": \"zipf\"", json);
        Assert.Contains("\"pathTemplate\": \"/api/v1/profiles/{id}\"", json);
        Assert.DoesNotContain("usesIds", json);
        Assert.Equal(plan with { Headers = parsed.Headers, CountHeaders = parsed.CountHeaders }, parsed);
        Assert.Equal(plan.Headers, parsed.Headers);
        Assert.Equal(plan.CountHeaders, parsed.CountHeaders);
    }

    [Fact]
    public void Plan_TakesDefaults_ForWhatItLeavesOut()
    {
        var plan = LoadPlanJson.ParsePlan("""{ "baseAddress": "http://h", "pathTemplate": "/x", "requests": 10 }""");

        Assert.Equal(64, plan.Connections);
        Assert.Equal(30, plan.TimeoutSeconds);
        Assert.Equal(1, plan.Seed);
        Assert.Empty(plan.Headers);
        Assert.Empty(plan.CountHeaders);
        Assert.Empty(plan.Validate());
    }

    [Theory]
    [InlineData("""{ "baseAddress": "http://h", "pathTemplate": "/x", "requests": 10, "conections": 4 }""", "conections")]
    [InlineData("""{ "pathTemplate": "/x", "requests": 10 }""", "baseAddress")]
    [InlineData("""{ "baseAddress": "http://h", "pathTemplate": "/x", "order": "random" }""", "order")]
    public void Plan_WithAMistake_IsAPlanErrorNamingIt(string json, string named)
    {
        var exception = Assert.Throws<LoadPlanException>(() => LoadPlanJson.ParsePlan(json));

        Assert.Contains(named, exception.Message);
    }

    [Fact]
    public void Result_RoundTrips()
    {
        var result = new LoadResult
        {
            Requests = 3,
            Succeeded = 2,
            Failed = 1,
            Statuses = new Dictionary<string, long> { ["200"] = 2, ["error"] = 1 },
            LatencyMs = new LatencySummary { Mean = 1, P50 = 1, P90 = 2, P99 = 3, P999 = 3, Max = 3 },
            HeaderCounts = new Dictionary<string, IReadOnlyDictionary<string, long>>
            {
                ["X-Cache"] = new Dictionary<string, long> { ["hit"] = 2 },
            },
            FirstError = "GET /x failed",
        };

        var parsed = LoadPlanJson.ParseResult(LoadPlanJson.Serialize(result));

        Assert.Equal(result.LatencyMs, parsed.LatencyMs);
        Assert.Equal(result.Statuses, parsed.Statuses);
        Assert.Equal(2, parsed.HeaderCounts["X-Cache"]["hit"]);
        Assert.Equal(result.FirstError, parsed.FirstError);
    }
}
