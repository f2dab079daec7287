using System.Text.Json;
using Juicebox.Sandbox.Faults;
using Npgsql;
using Orleans.Core.Internal;

namespace Juicebox.Cluster.Tests.Profiles;

[Collection(ProfileClusterCollection.Name)]
public sealed class ProfileGrainTests(ProfileClusterFixture fixture) : IAsyncLifetime
{
    private const string ProfileCall = "GET /profiles/{id}";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.Upstream.ClearFaultsAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task ColdRead_FetchesUpstreamOnce_ThenServesFromMemory()
    {
        var id = fixture.NextProfileId();
        var before = await UpstreamReadsAsync();

        var first = await fixture.Grains.GetProfileGrain(id).GetAsync();
        var second = await fixture.Grains.GetProfileGrain(id).GetAsync();

        Assert.Equal(ProfileReadOutcome.Found, first.Outcome);
        Assert.Equal((CacheStatus.Miss, ProfileSource.Upstream), (first.Cache, first.Source));
        Assert.Equal((CacheStatus.Hit, ProfileSource.Memory), (second.Cache, second.Source));
        Assert.Equal(id, second.Profile!.Id);
        Assert.False(string.IsNullOrEmpty(second.Profile.Name));
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(1, await UpstreamReadsAsync() - before);
    }

    [Fact]
    public async Task HundredConcurrentReadsOfAColdProfile_CostExactlyOneUpstreamCall()
    {
        var id = fixture.NextProfileId();
        var before = await UpstreamReadsAsync();

        var reads = await Task.WhenAll(Enumerable.Range(0, 100).Select(attempt => fixture.Grains.GetProfileGrain(id).GetAsync()));

        Assert.All(reads, read => Assert.Equal(ProfileReadOutcome.Found, read.Outcome));
        Assert.Single(reads, read => read.Cache == CacheStatus.Miss);
        Assert.Equal(1, await UpstreamReadsAsync() - before);
    }

    [Fact]
    public async Task StaleProfile_IsServedAtOnce_AndRefreshedInTheBackground()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        var fetched = await grain.GetAsync();
        var before = await UpstreamReadsAsync();

        fixture.Clock.Advance(ProfileClusterFixture.TimeToLive + TimeSpan.FromSeconds(1));
        var stale = await grain.GetAsync();
        await WaitForUpstreamReadsAsync(before + 1, "the background refresh of a stale profile");
        var refreshed = await WaitForAsync(grain, read => read.Cache == CacheStatus.Hit, "a hit after the refresh");

        Assert.Equal(CacheStatus.Stale, stale.Cache);
        Assert.Null(stale.Error);
        Assert.Equal(fetched.FetchedAt, stale.FetchedAt);
        Assert.True(refreshed.FetchedAt > fetched.FetchedAt);
        Assert.Equal(before + 1, await UpstreamReadsAsync());
    }

    [Fact]
    public async Task StaleProfile_IsServedWhileTheUpstreamFails_AndSaysSo()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        await grain.GetAsync();
        await fixture.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, TestContext.Current.CancellationToken);

        fixture.Clock.Advance(ProfileClusterFixture.TimeToLive + TimeSpan.FromSeconds(1));
        var failing = await WaitForAsync(grain, read => read.Error is not null, "a stale read that reports the upstream failure");

        Assert.Equal(ProfileReadOutcome.Found, failing.Outcome);
        Assert.Equal(CacheStatus.Stale, failing.Cache);
        Assert.Equal(id, failing.Profile!.Id);
        Assert.True(failing.Error!.IsTransient);
    }

    [Fact]
    public async Task ColdRead_WithTheUpstreamFailing_IsUnavailableWithTheReason()
    {
        var id = fixture.NextProfileId();
        await fixture.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, TestContext.Current.CancellationToken);

        var read = await fixture.Grains.GetProfileGrain(id).GetAsync();

        Assert.Equal(ProfileReadOutcome.Unavailable, read.Outcome);
        Assert.Null(read.Profile);
        Assert.True(read.Error!.IsTransient);
    }

    [Fact]
    public async Task ColdRead_AfterAnUpstreamFailure_WaitsForTheRetryTime_BeforeAskingAgain()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        await fixture.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, TestContext.Current.CancellationToken);
        var before = await UpstreamReadsAsync();

        var failed = await grain.GetAsync();
        var answeredFromMemory = await grain.GetAsync();
        var afterTwoReads = await UpstreamReadsAsync();
        await fixture.Upstream.ClearFaultsAsync(TestContext.Current.CancellationToken);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var recovered = await grain.GetAsync();

        Assert.Equal(ProfileReadOutcome.Unavailable, failed.Outcome);
        Assert.Equal(ProfileReadOutcome.Unavailable, answeredFromMemory.Outcome);
        Assert.Equal(failed.Error, answeredFromMemory.Error);
        Assert.Equal(before + 1, afterTwoReads);
        Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Miss), (recovered.Outcome, recovered.Cache));
    }

    [Fact]
    public async Task UnknownProfile_IsRememberedAsNotFound_UntilItsTimeToLivePasses()
    {
        var id = "jb_unknown" + Guid.NewGuid().ToString("N")[..8];
        var grain = fixture.Grains.GetProfileGrain(id);
        var before = await UpstreamReadsAsync();

        var first = await grain.GetAsync();
        var remembered = await grain.GetAsync();
        var afterFirstTwo = await UpstreamReadsAsync();
        fixture.Clock.Advance(ProfileClusterFixture.NotFoundTimeToLive + TimeSpan.FromSeconds(1));
        var askedAgain = await grain.GetAsync();

        Assert.Equal((ProfileReadOutcome.NotFound, ProfileSource.Upstream), (first.Outcome, first.Source));
        Assert.Equal((ProfileReadOutcome.NotFound, ProfileSource.Memory), (remembered.Outcome, remembered.Source));
        Assert.Equal(before + 1, afterFirstTwo);
        Assert.Equal(ProfileReadOutcome.NotFound, askedAgain.Outcome);
        Assert.Equal(before + 2, await UpstreamReadsAsync());
    }

    [Fact]
    public async Task DeactivatedProfile_ComesBackFromPostgres_WithTheUpstreamSwitchedOff()
    {
        var id = fixture.NextProfileId();
        var fetched = await fixture.Grains.GetProfileGrain(id).GetAsync();
        await fixture.Grains.GetProfileGrain(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await fixture.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, TestContext.Current.CancellationToken);
        var before = await UpstreamReadsAsync();

        var reactivated = await fixture.Grains.GetProfileGrain(id).GetAsync();

        Assert.Equal(ProfileReadOutcome.Found, reactivated.Outcome);
        Assert.Equal((CacheStatus.Hit, ProfileSource.Storage), (reactivated.Cache, reactivated.Source));
        Assert.Equal(JsonSerializer.Serialize(fetched.Profile), JsonSerializer.Serialize(reactivated.Profile));
        Assert.Equal(fetched.ContentHash, reactivated.ContentHash);
        Assert.Equal(before, await UpstreamReadsAsync());
        Assert.Equal(1, await CountStoredRowsAsync(ProfileKey.ForId(id)));
    }

    private Task<int> UpstreamReadsAsync() => fixture.Upstream.CountCallsAsync(ProfileCall, TestContext.Current.CancellationToken);

    private async Task<long> CountStoredRowsAsync(string grainKey)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansstorage WHERE grainidextensionstring = @key AND payloadbinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("key", grainKey);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task WaitForUpstreamReadsAsync(int expected, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (await UpstreamReadsAsync() < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for {what}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<ProfileRead> WaitForAsync(IProfileGrain grain, Func<ProfileRead, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var read = await grain.GetAsync();
            if (condition(read))
            {
                return read;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for {what}; last read: {read}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
