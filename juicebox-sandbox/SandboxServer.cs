namespace Juicebox.Sandbox;

/// <summary>
/// A sandbox running inside the current process on its own Kestrel listener, for tests,
/// benchmarks and the product's embedded mode.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri rootAddress)
    {
        _app = app;
        RootAddress = rootAddress;
        BaseAddress = new Uri(rootAddress, "v1/");
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootAddress { get; }

    /// <summary>The API's base URL (<see cref="RootAddress"/> + <c>v1/</c>), as a Juicebox client expects it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The sandbox's services: stats, faults, corpus, time provider.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a sandbox on <paramref name="urls"/> (port 0 picks a free port). It uses exactly
    /// <paramref name="options"/> (or the defaults), never the process's configuration.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, string urls = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // The sandbox's settings come from the caller alone, not from environment or appsettings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = _shutdownTimeout);

        var settings = options ?? new SandboxOptions();
        if (settings.TimeProvider is { } timeProvider)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.AddJuiceboxSandbox(target => CopyInto(settings, target));

        var app = builder.Build();
        app.UseJuiceboxSandbox();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Urls;
        var root = new Uri(addresses.First().TrimEnd('/') + "/");
        return new SandboxServer(app, root);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void CopyInto(SandboxOptions source, SandboxOptions target)
    {
        target.Seed = source.Seed;
        target.ProfileCount = source.ProfileCount;
        target.IncludeDefaultKeys = source.IncludeDefaultKeys;
        target.RateWindow = source.RateWindow;
        target.Keys = [.. source.Keys];
        target.Faults = source.Faults.Clone();
        target.Webhooks = source.Webhooks.Clone();
        target.TimeProvider = source.TimeProvider;
    }

    /// <summary>The id of the profile at <paramref name="index"/> (0-based) of this sandbox's corpus.</summary>
    public string GetProfileId(int index) => Services.GetRequiredService<Corpus.SandboxCorpus>().Ids.ToId(index);
}
