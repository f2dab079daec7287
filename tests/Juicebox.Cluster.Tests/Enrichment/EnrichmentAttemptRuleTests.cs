using System.Net;
using Juicebox.Client;
using Juicebox.Client.Errors;
using Juicebox.Grains.Enrichment.Workers;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>
/// Which failed upstream calls spend a request's attempts: an outage's only after the request waited
/// <c>Enrichment:OutageGrace</c> through it, every other failure at once.
/// </summary>
public sealed class EnrichmentAttemptRuleTests
{
    private static readonly TimeSpan _grace = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset _start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Outages => ["unreachable", "timeout", "circuit open", "503", "500", "502", "408", "malformed answer"];

    [Theory]
    [MemberData(nameof(Outages))]
    public void AnOutage_DoesNotCountWithinTheGrace_AndCountsAfterIt(string outage)
    {
        var message = Message();

        Assert.False(EnrichmentAttemptRule.Counts(message, Failure(outage), _start, _grace));
        Assert.False(EnrichmentAttemptRule.Counts(message, Failure(outage), _start + _grace - TimeSpan.FromSeconds(1), _grace));
        Assert.True(EnrichmentAttemptRule.Counts(message, Failure(outage), _start + _grace, _grace));
        Assert.Equal(_start, message.FirstOutageAt);
    }

    [Theory]
    [InlineData("400")]
    [InlineData("401")]
    [InlineData("403")]
    [InlineData("429")]
    public void ARefusalOfTheRequest_CountsAtOnce(string refusal)
    {
        var message = Message();

        Assert.True(EnrichmentAttemptRule.Counts(message, Failure(refusal), _start, _grace));
        Assert.Null(message.FirstOutageAt);
    }

    [Fact]
    public void TheGrace_RunsFromTheRequestsFirstOutage_NotFromEachOne()
    {
        var message = Message();
        Assert.False(EnrichmentAttemptRule.Counts(message, Failure("503"), _start, _grace));

        // A later outage of the same request finds its grace already spent.
        Assert.True(EnrichmentAttemptRule.Counts(message, Failure("unreachable"), _start + _grace + TimeSpan.FromHours(1), _grace));
    }

    [Fact]
    public void AGraceOfZero_CountsEveryOutageFailure()
    {
        Assert.True(EnrichmentAttemptRule.Counts(Message(), Failure("503"), _start, TimeSpan.Zero));
    }

    private static EnrichmentBacklog.HeldMessage Message() => new(key: 1, jobId: Guid.NewGuid(), requestedAt: _start, receipt: null);

    private static JuiceboxException Failure(string kind) => kind switch
    {
        "unreachable" => new JuiceboxTransportException(JuiceboxTransportFailure.ConnectionFailed, "refused"),
        "timeout" => new JuiceboxTransportException(JuiceboxTransportFailure.Timeout, "timed out"),
        "circuit open" => new JuiceboxTransportException(JuiceboxTransportFailure.CircuitOpen, "open", retryAfter: TimeSpan.FromSeconds(5)),
        "malformed answer" => new JuiceboxApiException(HttpStatusCode.OK, JuiceboxErrorCodes.InvalidResponse, "cut short", RateLimitInfo.None),
        _ => new JuiceboxApiException((HttpStatusCode)int.Parse(kind, System.Globalization.CultureInfo.InvariantCulture), "SOME_CODE", "failed", RateLimitInfo.None),
    };
}
