using Juicebox.Client.Http;
using Microsoft.Extensions.Time.Testing;

namespace Juicebox.Client.Tests;

/// <summary>Reading <c>x-ratelimit-*</c> and <c>retry-after</c> in both of its forms.</summary>
public sealed class RateLimitHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AllHeaders_AreRead()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("x-ratelimit-limit", "60");
        response.Headers.Add("x-ratelimit-remaining", "0");
        response.Headers.Add("x-ratelimit-reset", "1772366460");
        response.Headers.Add("retry-after", "17");

        var info = RateLimitHeaders.Read(response, new FakeTimeProvider(Now));

        Assert.Equal(new RateLimitInfo(60, 0, Now.AddSeconds(60), TimeSpan.FromSeconds(17)), info);
    }

    [Fact]
    public void HttpDateRetryAfter_IsTheTimeLeftUntilThatDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.Add("retry-after", Now.AddSeconds(90).ToString("R"));

        Assert.Equal(TimeSpan.FromSeconds(90), RateLimitHeaders.ReadRetryAfter(response, new FakeTimeProvider(Now)));
    }

    [Fact]
    public void HttpDateRetryAfterInThePast_IsNoWait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.Add("retry-after", Now.AddMinutes(-5).ToString("R"));

        Assert.Equal(TimeSpan.Zero, RateLimitHeaders.ReadRetryAfter(response, new FakeTimeProvider(Now)));
    }

    [Fact]
    public void MalformedOrMissingHeaders_AreNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit", "lots");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset", "-");
        response.Headers.TryAddWithoutValidation("retry-after", "soon");

        Assert.Equal(RateLimitInfo.None, RateLimitHeaders.Read(response, new FakeTimeProvider(Now)));
    }
}
