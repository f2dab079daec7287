using Xunit;

namespace Juicebox.Testing;

/// <summary>
/// xUnit v3 fixture owning one private <see cref="PostgresServer"/>. Share it across a test assembly
/// with <c>[assembly: AssemblyFixture(typeof(PostgresFixture))]</c> (or a collection fixture), take it
/// through the test class constructor, and give each test its own database with
/// <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running server.</summary>
    public PostgresServer Server => _server
        ?? throw new InvalidOperationException("The PostgreSQL fixture has not been initialized by xUnit yet.");

    /// <inheritdoc cref="PostgresServer.CreateDatabaseAsync"/>
    public Task<string> CreateDatabaseAsync(string? name = null) => Server.CreateDatabaseAsync(name);

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => _server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
