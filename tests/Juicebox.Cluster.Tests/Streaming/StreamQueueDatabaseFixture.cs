namespace Juicebox.Cluster.Tests.Streaming;

/// <summary>One database for a test class; each test uses its own stream provider name in it.</summary>
public sealed class StreamQueueDatabaseFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync() => ConnectionString = await postgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
