using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Juicebox.Bench.Tests.Infrastructure;

/// <summary>
/// A Kestrel server on a free loopback port for the load generator to hit: <c>GET /p/{id}</c> answers
/// <see cref="Body"/> with <c>X-Cache: hit</c>, except id <c>missing</c>, which is a 404 without the header;
/// <c>GET /constant</c> answers the same body. It counts every request by id, and those by id by connection.
/// </summary>
public sealed class TinyServer : IAsyncDisposable
{
    public const string MissingId = "missing";

    public static readonly string Body = new('x', 100);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hitsById = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly ConcurrentDictionary<string, int> _requestsByConnection = new(StringComparer.Ordinal);
    private long _requests;

    private TinyServer(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseAddress { get; private set; } = string.Empty;

    /// <summary>Requests received so far, warm-up included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public IReadOnlyDictionary<string, int> HitsById => _hitsById;

    /// <summary>Requests to <c>/p/{id}</c> by the id of the connection that carried them.</summary>
    public IReadOnlyDictionary<string, int> RequestsByConnection => _requestsByConnection;

    /// <summary>The <c>Authorization</c> header of every <c>/constant</c> request, empty when absent.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public static async Task<TinyServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TinyServer(app);

        app.MapGet("/p/{id}", (HttpContext context, string id) =>
        {
            Interlocked.Increment(ref server._requests);
            server._hitsById.AddOrUpdate(id, 1, (_, hits) => hits + 1);
            server._requestsByConnection.AddOrUpdate(context.Connection.Id, 1, (_, requests) => requests + 1);
            if (id == MissingId)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.Headers["X-Cache"] = "hit";
            context.Response.ContentLength = Body.Length;
            return context.Response.WriteAsync(Body, context.RequestAborted);
        });
        app.MapGet("/constant", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._requests);
            server._authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.ContentLength = Body.Length;
            return context.Response.WriteAsync(Body, context.RequestAborted);
        });

        await app.StartAsync(TestContext.Current.CancellationToken);
        server.BaseAddress = app.Urls.Single().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
