using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>How one read through a client-api ended.</summary>
public enum ReadOutcome
{
    /// <summary>200, or 404 for a profile the upstream does not know.</summary>
    Answered,

    /// <summary>503 with the problem type <c>shutting-down</c>: the replica did not start the request.</summary>
    RefusedWhileStopping,

    /// <summary>No connection: the replica had closed its port.</summary>
    ConnectionRefused,

    /// <summary>Anything else: a 5xx, another problem, a connection cut mid-request, a timeout.</summary>
    Failed,
}

/// <summary>One read, with when it started on the load's clock.</summary>
public sealed record RecordedRead(TimeSpan StartedAt, ReadOutcome Outcome, string Detail);

/// <summary>
/// Concurrent readers that read known profiles through one client-api as fast as it answers, and
/// record how each read ended, so a test can tell the reads started before a signal from those after.
/// </summary>
public sealed class RecordedReads : IAsyncDisposable
{
    private const string ShuttingDownProblem = "https://juicebox.local/problems/shutting-down";

    private readonly HttpClient _api;
    private readonly IReadOnlyList<string> _ids;
    private readonly ConcurrentQueue<RecordedRead> _reads = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task[] _readers = [];

    public RecordedReads(HttpClient api, IReadOnlyList<string> ids)
    {
        _api = api;
        _ids = ids;
    }

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<RecordedRead> Reads => [.. _reads];

    public void Start(int readers) =>
        _readers = [.. Enumerable.Range(0, readers).Select(reader => Task.Run(() => ReadAsync(reader)))];

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync(int reader)
    {
        for (var i = reader; !_stop.IsCancellationRequested; i++)
        {
            var startedAt = Now;
            var (outcome, detail) = await ReadOnceAsync(_ids[i % _ids.Count]);
            _reads.Enqueue(new RecordedRead(startedAt, outcome, detail));
            if (outcome == ReadOutcome.ConnectionRefused)
            {
                // The replica is gone: keep recording, without spinning.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private async Task<(ReadOutcome Outcome, string Detail)> ReadOnceAsync(string id)
    {
        try
        {
            using var response = await _api.GetAsync($"api/v1/profiles/{id}", CancellationToken.None);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound)
            {
                return (ReadOutcome.Answered, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && ProblemType(body) == ShuttingDownProblem && response.Headers.RetryAfter is not null)
            {
                return (ReadOutcome.RefusedWhileStopping, "503 shutting-down");
            }

            return (ReadOutcome.Failed, $"{status} {body[..Math.Min(body.Length, 200)]}");
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError
            && exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
        {
            return (ReadOutcome.ConnectionRefused, "connection refused");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return (ReadOutcome.Failed, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private static string? ProblemType(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
