using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// Migrates the database in <see cref="StartingAsync"/>, which the host runs for every lifecycle
/// service before it starts any hosted service, so the schema is in place before Orleans' silo or
/// client reads its queries.
/// </summary>
internal sealed class SchemaMigrationHostedService(NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    : IHostedLifecycleService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(typeof(SchemaMigrator).FullName!);

    public Task StartingAsync(CancellationToken cancellationToken) =>
        SchemaMigrator.MigrateAsync(dataSource, _logger, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
