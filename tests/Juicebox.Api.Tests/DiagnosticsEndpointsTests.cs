using System.Net;
using System.Text.Json;

namespace Juicebox.Api.Tests;

/// <summary>
/// The benchmark's view of a host: off unless <c>Diagnostics:Enabled</c>, and exact when on. One host
/// with the setting's default and one with it on serve every test of the class (each starts a silo).
/// </summary>
public sealed class DiagnosticsEndpointsTests(EmbeddedApiFactory byDefault, DiagnosticsApiFactory enabled)
    : IClassFixture<EmbeddedApiFactory>, IClassFixture<DiagnosticsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/_diagnostics/process")]
    [InlineData("/_diagnostics/constant?bytes=1000")]
    public async Task ByDefault_TheEndpointsDoNotExist(string path)
    {
        using var client = byDefault.CreateClient();

        using var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1_234)]
    [InlineData(65_536)]
    public async Task Constant_AnswersAJsonObjectOfExactlyTheAskedSize(int bytes)
    {
        using var client = enabled.CreateClient();

        using var response = await client.GetAsync($"/_diagnostics/constant?bytes={bytes}", Cancellation);
        var body = await response.Content.ReadAsByteArrayAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, body.Length);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(body).RootElement.ValueKind);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(2_000_000)]
    public async Task Constant_RefusesSizesOutOfRange(int bytes)
    {
        using var client = enabled.CreateClient();

        using var response = await client.GetAsync($"/_diagnostics/constant?bytes={bytes}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ProbeActivations_ActivatesTheAskedNumberOfGrains_AndRefusesCountsOutOfRangeWithAProblem()
    {
        using var client = enabled.CreateClient();

        using var activated = await client.PostAsync("/_diagnostics/probe-activations?count=25", content: null, Cancellation);
        using var none = await client.PostAsync("/_diagnostics/probe-activations?count=0", content: null, Cancellation);
        using var missing = await client.PostAsync("/_diagnostics/probe-activations", content: null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(25, JsonDocument.Parse(await activated.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("activated").GetInt32());
        Assert.All([none, missing], refused =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        });
    }

    [Fact]
    public async Task Process_ReportsMemoryAllocationsCpuAndJit_AndCollectsWhenAsked()
    {
        using var client = enabled.CreateClient();

        var first = await ReadAsync(client, "/_diagnostics/process");
        var collected = await ReadAsync(client, "/_diagnostics/process?collect=true");

        Assert.True(first.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.True(first.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(collected.GetProperty("totalAllocatedBytes").GetInt64() >= first.GetProperty("totalAllocatedBytes").GetInt64());
        Assert.True(collected.GetProperty("cpuSeconds").GetDouble() > 0);
        Assert.True(first.GetProperty("jitCompiledMethods").GetInt64() > 0 && first.GetProperty("jitSeconds").GetDouble() > 0, "a running host has compiled methods");
        var generation2 = (first.GetProperty("collections")[2].GetInt32(), collected.GetProperty("collections")[2].GetInt32());
        Assert.True(generation2.Item2 > generation2.Item1, $"collect=true runs a full collection (gen 2 count {generation2.Item1} -> {generation2.Item2})");
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancellation);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone();
    }
}
