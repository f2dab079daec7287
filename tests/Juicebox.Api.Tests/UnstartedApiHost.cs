using Juicebox.ClientApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Juicebox.Api.Tests;

/// <summary>
/// client-api's host built as Program builds it, with <see cref="EmbeddedApiFactory"/>'s settings and the
/// test's, but never started: no silo, no sandbox, no server. A settings test reads the options the host
/// bound, or sees whether the host would stop at start (<see cref="StartUpFailureAsync"/>), for a
/// fraction of a start's cost.
/// <c>StartupValidationTests</c> keeps one real start that fails, so the validation is known to run on start.
/// </summary>
public sealed class UnstartedApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UnstartedApiHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Settings as <c>key=value</c>, over the factory's defaults.</param>
    public static UnstartedApiHost Build(params IEnumerable<string> settings)
    {
        var configuration = EmbeddedApiFactory.DefaultSettings();
        foreach (var setting in settings)
        {
            var separator = setting.IndexOf('=', StringComparison.Ordinal);
            configuration[setting[..separator]] = setting[(separator + 1)..];
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddJuiceboxApi();
        return new UnstartedApiHost(builder.Build());
    }

    /// <summary>
    /// What the host would stop on at start with these settings, or null if they pass: building it (where
    /// Kestrel reads its limits) and then the start's first step, every <c>ValidateOnStart</c> validator.
    /// </summary>
    public static async Task<Exception?> StartUpFailureAsync(params IEnumerable<string> settings)
    {
        try
        {
            await using var host = Build(settings);
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception failure)
        {
            return failure;
        }
    }

    public T Options<T>()
        where T : class => Services.GetRequiredService<IOptions<T>>().Value;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
