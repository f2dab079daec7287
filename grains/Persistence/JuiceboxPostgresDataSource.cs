using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// The one <see cref="NpgsqlDataSource"/> (one connection pool) a host shares between Orleans'
/// clustering, grain storage and reminder providers and the schema migrator.
/// </summary>
internal static class JuiceboxPostgresDataSource
{
    /// <summary>Orleans loads the ADO.NET provider by this invariant name.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Connections a host's pool holds at most per core of the host, unless its connection string says otherwise.</summary>
    public const int ConnectionsPerCore = 4;

    /// <summary>The least <see cref="DefaultMaxPoolSize"/> is, on a host of one or two cores.</summary>
    public const int MinDefaultMaxPoolSize = 8;

    /// <summary>The most <see cref="DefaultMaxPoolSize"/> is, on a host of eight cores or more.</summary>
    public const int MaxDefaultMaxPoolSize = 30;

    /// <summary>
    /// The pool's cap unless the connection string sets one: <see cref="ConnectionsPerCore"/> per core of the host,
    /// from <see cref="MinDefaultMaxPoolSize"/> to <see cref="MaxDefaultMaxPoolSize"/>. Npgsql's own default is 100 per
    /// pool, and every silo and API replica has its own pool, so a handful of hosts would exhaust PostgreSQL's default
    /// max_connections (100) long before that. More connections than a host can keep busy also cost the database:
    /// Npgsql hands out its idle connections oldest first, so a pool that once opened 30 (a burst of reads does) spreads
    /// every later statement over 30 backends, each cold in the database server's caches, until it prunes them minutes
    /// later (on 2 cores, profile reads cost PostgreSQL about a fifth less CPU from a pool of 8 than from one of 30).
    /// </summary>
    public static int DefaultMaxPoolSize { get; } = PoolSizeFor(Environment.ProcessorCount);

    /// <summary>The default cap of a host with <paramref name="cores"/> cores.</summary>
    public static int PoolSizeFor(int cores) => Math.Clamp(cores * ConnectionsPerCore, MinDefaultMaxPoolSize, MaxDefaultMaxPoolSize);

    /// <summary>
    /// How many statements each connection keeps prepared (Npgsql's automatic preparation; off by default).
    /// The hosts send a few dozen distinct statements over and over: prepared, PostgreSQL skips parsing and
    /// planning them, which for the stream queues' dequeue, polled several times a second per queue even when
    /// empty, is most of its cost (about 0.5 ms of the server's CPU a poll, 0.07 ms prepared).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    private static readonly string[] _maxPoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];
    private static readonly string[] _maxAutoPrepareKeywords = ["Max Auto Prepare", "MaxAutoPrepare"];
    private static readonly string[] _noResetOnCloseKeywords = ["No Reset On Close", "NoResetOnClose"];

    /// <summary>
    /// Whether a connection returned to the pool is used again as it is (Npgsql resets it by default). Npgsql's reset,
    /// on a connection with prepared statements, is half a dozen statements (<c>RESET ALL</c>, <c>UNLISTEN *</c>,
    /// <c>pg_advisory_unlock_all()</c>, ...) sent ahead of the connection's next one: every statement from the pool
    /// paid it, about 0.1 ms of PostgreSQL's CPU, ten times what a profile state read costs it. The hosts keep no
    /// session state on pooled connections: no <c>SET</c>, <c>LISTEN</c> or temporary tables, and the one session
    /// lock, the schema migrator's, is released before its connection goes back (<see cref="SchemaMigrator"/>).
    /// </summary>
    public const bool DefaultNoResetOnClose = true;

    /// <summary>
    /// Registers the shared data source unless the host registered an <see cref="NpgsqlDataSource"/>
    /// already, in which case that one is used and <paramref name="connectionString"/> is ignored.
    /// </summary>
    public static void TryAdd(IServiceCollection services, string connectionString, string applicationName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Parse now so a malformed connection string fails at registration, not at first use.
        _ = new NpgsqlConnectionStringBuilder(connectionString);

        // Created by the container, so the container disposes it (and its pool) with the host.
        services.TryAddSingleton(provider => Create(connectionString, applicationName));
    }

    /// <summary>
    /// Builds a data source, naming the application (visible in <c>pg_stat_activity</c>), capping the pool,
    /// preparing repeated statements and reusing returned connections without a reset unless the connection
    /// string says otherwise.
    /// </summary>
    internal static NpgsqlDataSource Create(string connectionString, string applicationName)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = applicationName;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!_maxPoolSizeKeywords.Any(given.ContainsKey))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!_maxAutoPrepareKeywords.Any(given.ContainsKey))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!_noResetOnCloseKeywords.Any(given.ContainsKey))
        {
            settings.NoResetOnClose = DefaultNoResetOnClose;
        }

        return builder.Build();
    }
}
