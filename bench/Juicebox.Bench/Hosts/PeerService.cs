using System.Globalization;
using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>
/// The seed's design as a peer (bench/peers/express-redis): its own redis-server on a free port and one
/// Node.js process serving <c>GET /api/v1/profiles/{id}</c> from it, reading the run's sandbox on a miss.
/// scripts/ensure-peers.sh installs what it needs.
/// </summary>
public sealed class PeerService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly HostProcess _redis;
    private readonly HostProcess _node;

    private PeerService(HostProcess redis, HostProcess node, int httpPort)
    {
        _redis = redis;
        _node = node;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/");
    }

    public const string Name = "Express + Redis (cache-aside)";

    public Uri HttpAddress { get; }

    public static async Task<PeerService> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(RepositoryLayout.Root, "bench", "peers", "express-redis");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException("The peer's npm packages are missing: run scripts/ensure-peers.sh (bench.sh does).");
        }

        var redisPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var httpPort = FreePort.Next();

        // A cache, as the seed ran it: no snapshots, no append-only file.
        var redis = HostProcess.StartProgram(
            "redis", "redis-server", environment.WorkDirectory, new Dictionary<string, string?>(),
            ["--port", redisPort, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        HostProcess? node = null;
        try
        {
            node = HostProcess.StartProgram(
                "peer", "node", directory,
                new Dictionary<string, string?>
                {
                    ["PEER_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
                    ["PEER_REDIS_URL"] = $"redis://127.0.0.1:{redisPort}",
                    ["PEER_UPSTREAM_BASE_URL"] = environment.Sandbox.BaseAddress.ToString(),
                    ["PEER_UPSTREAM_API_KEY"] = BenchEnvironment.UnpacedKey,
                    ["PEER_API_KEY"] = BenchTopology.ApiKey,
                    ["NODE_ENV"] = "production",
                },
                [Path.Combine(directory, "server.js")]);
            var peer = new PeerService(redis, node, httpPort);
            await node.WaitUntilHealthyAsync(new Uri(peer.HttpAddress, "health"), StartTimeout, cancellationToken);
            return peer;
        }
        catch
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
