using Juicebox.Sandbox.Accounts;

namespace Juicebox.Sandbox.Tests.Support;

/// <summary>
/// One sandbox per test class, for tests that only read. Its keys: the defaults, <see cref="Key"/>
/// (no practical limits) and <see cref="SearchOnlyKey"/> (scope <c>search</c> only).
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string Key = "sb_test";
    public const string SearchOnlyKey = "sb_search_only";
    public const long Seed = 20260316;
    public const int ProfileCount = 5_000;

    private SandboxServer? _server;

    public SandboxServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public static SandboxOptions Options(long seed = Seed) => new()
    {
        Seed = seed,
        ProfileCount = ProfileCount,
        Keys =
        [
            new SandboxKeyOptions { Key = Key, Plan = "enterprise", RequestsPerMinute = 1_000_000, RequestsPerDay = 10_000_000 },
            new SandboxKeyOptions { Key = SearchOnlyKey, Plan = "pro", Scopes = [ApiScopes.Search] },
        ],
    };

    internal SandboxClient Client(string? key = Key, TimeSpan? timeout = null) => new(Server, key, timeout);

    public async ValueTask InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(Options());
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
