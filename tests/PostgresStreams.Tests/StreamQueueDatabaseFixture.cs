using Npgsql;
using PostgresStreams;

namespace PostgresStreams.Tests;

/// <summary>One database with the provider's tables for a test class; each test uses its own stream provider name in it.</summary>
public sealed class StreamQueueDatabaseFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await PostgresStreamSchema.CreateAsync(dataSource, cancellationToken: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
