using System.Net;
using System.Net.Sockets;
using Juicebox.Sandbox;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// The Juicebox sandbox Embedded mode runs in-process. Its port is chosen when the host is built, so
/// the Juicebox client can be configured with it; it starts before any other hosted service.
/// </summary>
public sealed class EmbeddedSandbox(SandboxOptions options) : IHostedLifecycleService, IAsyncDisposable
{
    private SandboxServer? _server;

    public Uri RootAddress { get; } = new($"http://127.0.0.1:{PickFreeLoopbackPort()}/");

    public Uri BaseAddress => new(RootAddress, "v1/");

    public SandboxServer Server => _server ?? throw new InvalidOperationException("The embedded sandbox has not started yet.");

    public async Task StartingAsync(CancellationToken cancellationToken) =>
        _server = await SandboxServer.StartAsync(options, RootAddress.ToString().TrimEnd('/'), cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    private static int PickFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
