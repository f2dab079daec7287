using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Sockets;
using System.Text;
using Juicebox.Sandbox.Faults;

namespace Juicebox.Api.Tests.Limits;

/// <summary>
/// The explicit request limits of client-api (RequestLimits:*), against a real Kestrel: every refusal
/// is a problem document with a 4xx status (or a 503 when the server itself was too slow).
/// </summary>
public sealed class RequestLimitsTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private static readonly TimeSpan _answerLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BodyOverTheRouteLimit_Is413ProblemNamingTheLimit_WhileTheSearchRouteTakesIt()
    {
        using var client = factory.CreateHttpClient();
        var body = "{\"messageIds\":[" + string.Join(",", Enumerable.Repeat("1", KestrelApiFactory.MaxBodyBytes)) + "]}";
        Assert.InRange(body.Length, KestrelApiFactory.MaxBodyBytes + 1, KestrelApiFactory.MaxSearchBodyBytes - 1);

        using var operatorClient = factory.CreateHttpClient(EmbeddedApiFactory.OperatorKey);
        using var refused = await operatorClient.PostAsync(
            "/api/v1/operator/enrichment/dead-letters/retry", Json(body), TestContext.Current.CancellationToken);
        var problem = await ProblemAssertions.AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(KestrelApiFactory.MaxBodyBytes, problem.GetProperty("maxBytes").GetInt64());

        // A malformed body is refused (400) only once it was read, without an upstream call: it got past the limit.
        var search = "{\"query\":\"(((\",\"padding\":\"" + new string(' ', KestrelApiFactory.MaxBodyBytes) + "\"}";
        using var taken = await client.PostAsync("/api/v1/search", Json(search), TestContext.Current.CancellationToken);
        await ProblemAssertions.AssertProblemAsync(taken, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_WithoutContentLength_Is413Problem()
    {
        using var client = factory.CreateHttpClient();
        var bytes = Encoding.UTF8.GetBytes("{\"query\":\"" + new string('a', KestrelApiFactory.MaxSearchBodyBytes) + "\"}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/search") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(KestrelApiFactory.MaxSearchBodyBytes, problem.GetProperty("maxBytes").GetInt64());
    }

    [Fact]
    public async Task JobOfMoreThan50000Ids_FitsTheJobBodyLimit_AndIs400ProblemNamingTheJobLimit()
    {
        using var client = factory.CreateHttpClient();
        var ids = Enumerable.Range(0, 50_001).Select(index => index.ToString("D128", CultureInfo.InvariantCulture));
        var body = JsonSerializer.Serialize(new { profileIds = ids });
        Assert.True(body.Length > 6_000_000, "The body should be as large as a job of the longest ids.");

        using var response = await client.PostAsync("/api/v1/enrichments", Json(body), TestContext.Current.CancellationToken);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("50000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task HeadersOverTheLimit_Are431Problem_AndFarOverIt_KestrelRefusesAlone()
    {
        using var client = factory.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles/someone");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('x', KestrelApiFactory.MaxHeaderBytes));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Equal(KestrelApiFactory.MaxHeaderBytes, problem.GetProperty("maxBytes").GetInt32());

        using var huge = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles/someone");
        huge.Headers.TryAddWithoutValidation("X-Padding", new string('x', 3 * KestrelApiFactory.MaxHeaderBytes));
        using var refused = await client.SendAsync(huge, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
    }

    [Fact]
    public async Task UrlOverTheLimit_Is414Problem()
    {
        using var client = factory.CreateHttpClient();
        using var response = await client.GetAsync(
            "/api/v1/profiles?company=" + new string('c', KestrelApiFactory.MaxUrlLength), TestContext.Current.CancellationToken);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task EventStreamsOverTheLimitPerKey_Are429ProblemWithRetryAfter_AndAClosedOneFreesItsPlace()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var upstream = new SandboxControl(factory.Sandbox.RootAddress);
        // Upstream calls hang, so the job stays unfinished and its event streams stay open.
        await upstream.SetFaultsAsync(new SandboxFaultOptions { HangRate = 1 }, cancellationToken);
        try
        {
            using var client = factory.CreateHttpClient();
            using var submitted = await client.PostAsJsonAsync(
                "/api/v1/enrichments", new { profileIds = new[] { factory.NextProfileId() } }, cancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var events = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("eventsUrl").GetString()!;

            var open = new List<HttpResponseMessage>();
            try
            {
                for (var index = 0; index < KestrelApiFactory.MaxEventStreamsPerClient; index++)
                {
                    var stream = await client.GetAsync(events, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    open.Add(stream);
                    Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
                }

                using var refused = await client.GetAsync(events, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await ProblemAssertions.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
                Assert.NotNull(refused.Headers.RetryAfter);

                // Another key has places of its own.
                using var operatorClient = factory.CreateHttpClient(EmbeddedApiFactory.OperatorKey);
                using var other = await operatorClient.GetAsync(events, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                Assert.Equal(HttpStatusCode.OK, other.StatusCode);

                open[0].Dispose();
                open.RemoveAt(0);
                await Eventually.WaitForAsync(
                    async token =>
                    {
                        var again = await client.GetAsync(events, HttpCompletionOption.ResponseHeadersRead, token);
                        if (again.StatusCode == HttpStatusCode.OK)
                        {
                            open.Add(again);
                            return true;
                        }

                        again.Dispose();
                        return false;
                    },
                    _answerLimit,
                    "a closed event stream to free its place for the same key",
                    cancellationToken);
            }
            finally
            {
                open.ForEach(stream => stream.Dispose());
            }
        }
        finally
        {
            await upstream.ClearFaultsAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task SlowBody_IsRefusedWith408Problem_InsteadOfHoldingTheRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tcp = await factory.ConnectAsync(cancellationToken);
        var stream = tcp.GetStream();
        var head = "POST /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + $"Authorization: Bearer {EmbeddedApiFactory.ApiKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);

        // One byte every half second (2 bytes a second, against a minimum of 100 after a 2 s grace), until the server answers.
        var reading = ReadResponseAsync(stream, cancellationToken);
        await Eventually.WaitForAsync(
            async token =>
            {
                if (reading.IsCompleted)
                {
                    return true;
                }

                try
                {
                    await stream.WriteAsync(" "u8.ToArray(), token);
                }
                catch (IOException)
                {
                    return true;
                }

                return await Task.WhenAny(reading, Task.Delay(500, token)) == reading;
            },
            _answerLimit,
            "the server to give up on a body arriving at 2 bytes a second",
            cancellationToken);

        var response = await reading;
        Assert.StartsWith("HTTP/1.1 408", response);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("\"status\":408", response);
    }

    [Fact]
    public async Task SlowHeaders_TheConnectionIsClosedAfterTheHeadersTimeout()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tcp = await factory.ConnectAsync(cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray(), cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_answerLimit);
        var response = await ReadResponseAsync(stream, timeout.Token);

        // Kestrel answers 408 and closes; a reply of any other kind, or none within the limit, fails.
        Assert.True(response.Length == 0 || response.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), response);
    }

    [Fact]
    public async Task SlowServer_RequestTimesOutWith503ProblemAndRetryAfter()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var upstream = new SandboxControl(factory.Sandbox.RootAddress);
        await upstream.SetFaultsAsync(new SandboxFaultOptions { HangRate = 1 }, cancellationToken);
        try
        {
            using var client = factory.CreateHttpClient();
            using var response = await client.GetAsync($"/api/v1/profiles/{factory.NextProfileId()}", cancellationToken);

            var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("https://juicebox.local/problems/request-timeout", problem.GetProperty("type").GetString());
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            await upstream.ClearFaultsAsync(cancellationToken);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Everything the server sends until it closes the connection or the token fires.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (IsComplete(received.ToString()))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server reset the connection: what arrived before is the answer.
        }

        return received.ToString();
    }

    private static bool IsComplete(string response)
    {
        var headersEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headersEnd < 0)
        {
            return false;
        }

        var lengthHeader = response[..headersEnd].Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return lengthHeader is null
            || response.Length - headersEnd - 4 >= int.Parse(lengthHeader["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
