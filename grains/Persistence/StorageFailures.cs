using System.Data.Common;
using System.Net.Sockets;
using Juicebox.GrainInterfaces.Persistence;

namespace Juicebox.Grains.Persistence;

/// <summary>Tells a database that is away (refused, restarting, stalled) from a call that is wrong.</summary>
public static class StorageFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, says the database is away: a
    /// <see cref="StorageUnavailableException"/>, or a database error its driver calls transient (no
    /// connection, a timeout) or whose SQLSTATE is a lost connection (08), exhausted resources (53) or
    /// a server shutting down, crashed or starting (57P). Any other database error is a fault of the
    /// call, which a retry would not mend.
    /// </summary>
    public static bool IsDatabaseAway(Exception exception) =>
        Chain(exception).Any(current => current is StorageUnavailableException || current is DbException database && IsAway(database));

    /// <summary>
    /// Whether a call known to need only the database failed because it was away: as
    /// <see cref="IsDatabaseAway"/>, and also a bare socket error or timeout, which from such a call can
    /// only be the database's.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        IsDatabaseAway(exception) || Chain(exception).Any(current => current is SocketException or TimeoutException);

    /// <summary>
    /// Runs a call that needs the database, turning its unavailability into a
    /// <see cref="StorageUnavailableException"/> that says what could not be done (and no more).
    /// </summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, string what)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && IsUnavailable(exception))
        {
            throw Unavailable(what, exception);
        }
    }

    /// <summary>The exception that crosses the wire for <paramref name="cause"/>: what could not be done and the cause's type, no database detail.</summary>
    public static StorageUnavailableException Unavailable(string what, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new StorageUnavailableException($"The database is unavailable: {what} (retry later; {cause.GetType().Name}).");
    }

    private static bool IsAway(DbException exception) =>
        exception.IsTransient
        || exception.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal));

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
