using System.Diagnostics;
using Juicebox.ClientApi.Apis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Juicebox.Api.Tests;

/// <summary>
/// The retry of safe reads: bounded by a time window, not a count, and by a timeout per attempt. Two hosts
/// serve the class: one with the default settings, one with a short window, delay and attempt timeout.
/// </summary>
public sealed class GrainReadsTests(EmbeddedApiFactory defaults, ShortReadRetryApiFactory shortRetries)
    : IClassFixture<EmbeddedApiFactory>, IClassFixture<ShortReadRetryApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TransientFailures_AreRetried_UntilTheReadSucceeds()
    {
        var reads = Start(defaults);
        var attempts = 0;

        var answer = await reads.ReadAsync(
            _ => ++attempts < 4 ? throw new SiloUnavailableException() : Task.FromResult(42),
            Cancellation);

        Assert.Equal(42, answer);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedForTheWholeWindow_ThenSurface()
    {
        var reads = Start(shortRetries);
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => reads.ReadAsync<int>(
            _ =>
            {
                attempts++;
                throw new SiloUnavailableException();
            },
            Cancellation));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"Gave up after {clock.Elapsed}, inside the 1.5 s window.");
        Assert.True(attempts >= 5, $"Only {attempts} attempts in the window.");
    }

    [Fact]
    public async Task FailuresThatAreNotTheClustersAreNotRetried()
    {
        var reads = Start(defaults);
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => reads.ReadAsync<int>(
            _ =>
            {
                attempts++;
                throw new InvalidOperationException("A bug, not an outage.");
            },
            Cancellation));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task AnAttemptWithoutAnAnswer_IsAbandonedAfterTheAttemptTimeout_AndRetried()
    {
        var reads = Start(shortRetries);
        var attempts = 0;
        var unanswered = new TaskCompletionSource<int>();

        var answer = await reads.ReadAsync(_ => ++attempts == 1 ? unanswered.Task : Task.FromResult(7), Cancellation);

        Assert.Equal(7, answer);
        Assert.Equal(2, attempts);
    }

    private static GrainReads Start(EmbeddedApiFactory factory)
    {
        using var client = factory.CreateClient();
        return factory.Services.GetRequiredService<GrainReads>();
    }
}
