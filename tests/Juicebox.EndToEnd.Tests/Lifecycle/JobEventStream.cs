using System.Globalization;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Lifecycle;

/// <summary>One server-sent event: its name, data, and <c>retry:</c> field (ms) when it had one.</summary>
public sealed record ServerSentEvent(string Name, string Data, int? RetryMilliseconds)
{
    /// <summary>The <c>jobId</c> of the progress the event carries.</summary>
    public Guid? JobId()
    {
        using var document = JsonDocument.Parse(Data);
        return document.RootElement.TryGetProperty("jobId", out var id) ? id.GetGuid() : null;
    }
}

/// <summary>
/// Follows <c>GET /api/v1/enrichments/{jobId}/events</c> in the background, as a client would, and keeps
/// every event until the server ends the stream.
/// </summary>
public sealed class JobEventStream : IAsyncDisposable
{
    private readonly List<ServerSentEvent> _events = [];
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _firstEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private JobEventStream(HttpClient api, string statusUrl)
    {
        _reading = Task.Run(() => FollowAsync(api, statusUrl.TrimStart('/') + "/events"));
    }

    private async Task FollowAsync(HttpClient api, string path)
    {
        try
        {
            await ReadAsync(api, path);
        }
        catch (Exception exception)
        {
            _firstEvent.TrySetException(exception);
            throw;
        }
        finally
        {
            _firstEvent.TrySetException(new InvalidOperationException($"The event stream {path} ended before its first event."));
        }
    }

    public IReadOnlyList<ServerSentEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Opens the stream and waits for its first event, so that the stream is known to be open.</summary>
    public static async Task<JobEventStream> OpenAsync(HttpClient api, string statusUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stream = new JobEventStream(api, statusUrl);
        try
        {
            await stream._firstEvent.Task.WaitAsync(timeout, cancellationToken);
            return stream;
        }
        catch (TimeoutException exception)
        {
            await stream.DisposeAsync();
            throw new TimeoutException($"The event stream of {statusUrl} sent no event within {timeout}.", exception);
        }
    }

    /// <summary>Waits until the server ended the stream; returns every event it sent.</summary>
    public async Task<IReadOnlyList<ServerSentEvent>> WaitForEndAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _reading.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"The event stream did not end within {timeout}; its events: {string.Join(", ", Events.Select(e => e.Name))}.", exception);
        }

        return Events;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException)
        {
            // Disposed before the server ended the stream: the test already has its answer or its failure.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        string name = "message";
        List<string> data = [];
        int? retry = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    lock (_lock)
                    {
                        _events.Add(new ServerSentEvent(name, string.Join('\n', data), retry));
                    }

                    _firstEvent.TrySetResult();
                }

                (name, data, retry) = ("message", [], null);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
                case "retry":
                    retry = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
            }
        }
    }
}
