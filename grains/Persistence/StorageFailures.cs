using System.Data.Common;
using System.Net.Sockets;
using Juicebox.GrainInterfaces.Persistence;

namespace Juicebox.Grains.Persistence;

/// <summary>Tells a database that is away (refused, restarting, stalled) from a call that is wrong.</summary>
public static class StorageFailures
{
    /// <summary>Whether <paramref name="exception"/>, or one it wraps, says the database could not be reached or answer.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or SocketException or TimeoutException or StorageUnavailableException)
            {
                return true;
            }
        }

        return false;
    }

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
            throw new StorageUnavailableException($"The database is unavailable: {what} (retry later; {exception.GetType().Name}).");
        }
    }
}
