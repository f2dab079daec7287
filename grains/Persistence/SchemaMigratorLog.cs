using Microsoft.Extensions.Logging;

namespace Juicebox.Grains.Persistence;

/// <summary>The migrator's log messages.</summary>
internal static partial class SchemaMigratorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Another process is migrating the database schema; waiting for it to finish")]
    public static partial void WaitingForLock(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Applying schema migration {Migration}")]
    public static partial void Applying(ILogger logger, string migration);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Applied schema migration {Migration} in {ElapsedMilliseconds} ms")]
    public static partial void Applied(ILogger logger, string migration, long elapsedMilliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "Database schema is up to date at version {Version}")]
    public static partial void UpToDate(ILogger logger, int version);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "The database has schema migration {Migration} applied, which this build does not know; it was probably applied by a newer version")]
    public static partial void UnknownApplied(ILogger logger, string migration);
}
