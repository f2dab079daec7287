using Juicebox.GrainInterfaces.Persistence;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// Turns any grain call that failed because the database was away into a
/// <see cref="StorageUnavailableException"/>, the one type of that failure that crosses the wire to
/// client-api (which answers it 503 + <c>Retry-After</c>), in one place rather than a guard per call.
/// A driver's exception would reach the client only as Orleans' stand-in for a type outside its
/// serializable namespaces, with the database's own message in it.
/// </summary>
internal sealed class StorageUnavailableCallFilter : IIncomingGrainCallFilter
{
    // Every grain call passes here: one that completed synchronously (a hot read) costs no async frame.
    public Task Invoke(IIncomingGrainCallContext context)
    {
        Task call;
        try
        {
            call = context.Invoke();
        }
        catch (Exception exception) when (IsDatabaseAway(exception))
        {
            throw Unavailable(context, exception);
        }

        return call.IsCompletedSuccessfully ? call : ObserveAsync(call, context);
    }

    private static async Task ObserveAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (Exception exception) when (IsDatabaseAway(exception))
        {
            throw Unavailable(context, exception);
        }
    }

    private static bool IsDatabaseAway(Exception exception) =>
        exception is not StorageUnavailableException && StorageFailures.IsDatabaseAway(exception);

    private static StorageUnavailableException Unavailable(IIncomingGrainCallContext context, Exception exception) =>
        StorageFailures.Unavailable($"{context.InterfaceName}.{context.MethodName} could not finish", exception);
}
