using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Juicebox.ClientApi.Health;

/// <summary>Ready when PostgreSQL answers a trivial query.</summary>
internal sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A stalled server accepts connections and never answers: give up long before a probe does.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AnswerTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(deadline.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer.", exception);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {AnswerTimeout.TotalSeconds:0} s.");
        }
    }
}
