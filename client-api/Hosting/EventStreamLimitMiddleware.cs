using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Metadata;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Counts the server-sent-event streams each client (its <c>ClaimTypes.Name</c>) holds open on this
/// server and refuses one more than <see cref="RequestLimitsOptions.MaxEventStreamsPerClient"/> with 429.
/// </summary>
internal sealed class EventStreamLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    private const string EventStreamContentType = "text/event-stream";

    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly int _maxStreams = options.Value.MaxEventStreamsPerClient;

    // Asked twice a request (here and for the request timeout), so each endpoint's answer is kept.
    private static readonly ConditionalWeakTable<Endpoint, object> _eventStreams = [];

    public static bool IsEventStream(Endpoint? endpoint) =>
        endpoint is not null && (bool)_eventStreams.GetValue(endpoint, static endpoint => ProducesEventStream(endpoint));

    private static bool ProducesEventStream(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Any(produces => produces.ContentTypes.Contains(EventStreamContentType, StringComparer.OrdinalIgnoreCase));

    public Task InvokeAsync(HttpContext context)
    {
        var client = context.User.Identity?.Name;
        return client is null || !IsEventStream(context.GetEndpoint()) ? next(context) : LimitAsync(context, client);
    }

    private async Task LimitAsync(HttpContext context, string client)
    {
        if (_open.AddOrUpdate(client, 1, (key, count) => count + 1) > _maxStreams)
        {
            Release(client);
            await RequestLimitProblems.TooManyEventStreams(context, _maxStreams).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Release(client);
        }
    }

    private void Release(string client)
    {
        if (_open.AddOrUpdate(client, 0, (key, count) => count - 1) <= 0)
        {
            // Removed only while still at zero, so a stream opened meanwhile keeps its count.
            _open.TryRemove(KeyValuePair.Create(client, 0));
        }
    }
}
