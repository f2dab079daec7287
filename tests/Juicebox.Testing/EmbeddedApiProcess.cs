using System.Globalization;
using System.Net.Http.Headers;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;

namespace Juicebox.Testing;

/// <summary>
/// client-api in Embedded mode (its own silo, in-memory storage) as a real process on a loopback port,
/// as a person starts it, in front of a sandbox in this process so that tests know its profile ids and
/// set its pace. For the tests that drive the console in a browser and the CLI as a process.
/// </summary>
public sealed class EmbeddedApiProcess : IAsyncDisposable
{
    public const string ApiKey = "people-tests-key-0001";
    public const string OperatorKey = "people-tests-operator-0001";
    private const string SandboxKey = "sb_people_tests";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private int _nextProfileIndex;

    private EmbeddedApiProcess(SandboxServer sandbox, HostProcess process, Uri address)
    {
        Sandbox = sandbox;
        Process = process;
        Address = address;
    }

    public SandboxServer Sandbox { get; }

    public HostProcess Process { get; }

    /// <summary>The console and the API, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts the sandbox (<paramref name="profiles"/> profiles, an enterprise key allowing
    /// <paramref name="requestsPerMinute"/> calls) and client-api in front of it, and waits until it is ready.
    /// <see cref="NextProfileId"/> hands out ids from <paramref name="firstFreshProfileIndex"/> up: the sandbox
    /// searches in index order, so tests that open or enrich search results touch the lowest matching profiles.
    /// </summary>
    public static async Task<EmbeddedApiProcess> StartAsync(
        int profiles, int requestsPerMinute, CancellationToken cancellationToken, int firstFreshProfileIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstFreshProfileIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(firstFreshProfileIndex, profiles);
        var key = new SandboxKeyOptions { Key = SandboxKey, Plan = "enterprise", RequestsPerMinute = requestsPerMinute };
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = profiles, Keys = [key] }, cancellationToken: cancellationToken);
        HostProcess? process = null;
        try
        {
            var port = FreePort.Next();
            var rate = requestsPerMinute.ToString(CultureInfo.InvariantCulture);
            Dictionary<string, string?> environment = new()
            {
                ["Api__Keys__0"] = ApiKey,
                ["Api__OperatorKeys__0"] = OperatorKey,
                ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Juicebox__BaseUrl"] = sandbox.BaseAddress.ToString(),
                ["Juicebox__ApiKey"] = SandboxKey,
                ["UpstreamBudget__DefaultRequestsPerMinute"] = rate,
            };
            var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            process = HostProcess.Start(
                "client-api (Embedded)", RepositoryLayout.HostAssembly("client-api", "Juicebox.ClientApi"), environment, "--urls", address.ToString().TrimEnd('/'));
            await process.WaitUntilHealthyAsync(new Uri(address, "health/ready"), StartTimeout, cancellationToken);
            return new EmbeddedApiProcess(sandbox, process, address) { _nextProfileIndex = firstFreshProfileIndex };
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }

            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>A sandbox profile id that no earlier call of this host returned.</summary>
    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

    /// <summary><paramref name="count"/> sandbox profile ids that no earlier call returned.</summary>
    public IReadOnlyList<string> NextProfileIds(int count)
    {
        var last = Interlocked.Add(ref _nextProfileIndex, count);
        return [.. Enumerable.Range(last - count + 1, count).Select(Sandbox.GetProfileId)];
    }

    public HttpClient CreateClient(string key = ApiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
