using System.Diagnostics;
using Juicebox.LoadGenerator;
using Npgsql;

namespace Juicebox.Bench.Scenarios;

/// <summary>
/// The ceiling of a read from PostgreSQL: the statement a profile grain's activation sends for its stored
/// state (<c>ReadProfileStateKey</c> in <c>orleansquery</c>: the state and its <c>profiles</c> row's version),
/// sent straight from this process over Npgsql with the same parameters and concurrency.
/// </summary>
public static class StorageReadCeiling
{
    /// <summary>The state name profile grains store under (Orleans writes it as the grain type).</summary>
    public const string ProfileStateName = "profile";

    private const string StatementKey = "ReadProfileStateKey";
    private const int HostsMaxAutoPrepare = 64;
    private const string ProfileKeyPrefix = "p:";

    /// <summary>
    /// Times <paramref name="reads"/> statements at <paramref name="concurrency"/>, after
    /// <paramref name="warmupReads"/> untimed ones of other rows: the measured reads find this process's
    /// Npgsql paths compiled and its connections open, as the silo's reads find its own after their warm-up.
    /// </summary>
    public static async Task<LatencySummary> MeasureAsync(string connectionString, int reads, int concurrency, int warmupReads, CancellationToken cancellationToken)
    {
        // Statements prepared as the hosts' data source prepares them (JuiceboxPostgresDataSource.DefaultMaxAutoPrepare).
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = HostsMaxAutoPrepare }.ConnectionString);
        var statement = await ReadStatementAsync(source, cancellationToken);
        var keys = await SampleKeysAsync(source, reads + warmupReads, cancellationToken);
        await ReadAllAsync(source, statement, keys.Take(warmupReads).ToList(), concurrency, timings: null, cancellationToken);
        var measured = keys.Skip(warmupReads).ToList();
        var timings = new long[measured.Count];
        await ReadAllAsync(source, statement, measured, concurrency, timings, cancellationToken);
        return LatencyStatistics.Summarize(timings, Stopwatch.Frequency);
    }

    private static async Task ReadAllAsync(NpgsqlDataSource source, string statement, IReadOnlyList<StorageKey> keys, int concurrency, long[]? timings, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            int index;
            while ((index = Interlocked.Increment(ref next)) < keys.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await using var command = new NpgsqlCommand(statement, connection);
                keys[index].AddTo(command);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    _ = reader.GetFieldValue<byte[]>(0);
                }

                if (timings is not null)
                {
                    timings[index] = Stopwatch.GetTimestamp() - started;
                }
            }
        }));
    }

    /// <summary>Stored profile states: how many, and their mean size in bytes.</summary>
    public static async Task<(long Count, double MeanBytes)> MeasureStoredAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*), coalesce(avg(octet_length(payloadbinary)), 0)::float8 FROM orleansstorage WHERE graintypestring = @state AND payloadbinary IS NOT NULL",
            connection);
        command.Parameters.AddWithValue("state", ProfileStateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetDouble(1));
    }

    private static async Task<string> ReadStatementAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = $1");
        command.Parameters.AddWithValue(StatementKey);
        return (string?)await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The schema has no {StatementKey} statement.");
    }

    private static async Task<IReadOnlyList<StorageKey>> SampleKeysAsync(NpgsqlDataSource source, int count, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            "SELECT grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid " +
            "FROM orleansstorage WHERE graintypestring = $1 AND grainidextensionstring IS NOT NULL ORDER BY random() LIMIT $2");
        command.Parameters.AddWithValue(ProfileStateName);
        command.Parameters.AddWithValue(count);
        List<StorageKey> keys = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new StorageKey(
                reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
        }

        return keys;
    }

    private sealed record StorageKey(int GrainIdHash, long GrainIdN0, long GrainIdN1, int GrainTypeHash, string GrainTypeString, string? Extension, string ServiceId)
    {
        // As the silo binds them: positional, typed, no names to parse.
        public void AddTo(NpgsqlCommand command)
        {
            var key = Extension ?? throw new InvalidOperationException("A profile state's row has its grain key as the extension string.");
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = GrainIdHash });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = GrainTypeHash });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainTypeString });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StartsWith(ProfileKeyPrefix, StringComparison.Ordinal) ? key[ProfileKeyPrefix.Length..] : key });
        }
    }
}
