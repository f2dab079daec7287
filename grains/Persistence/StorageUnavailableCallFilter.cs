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
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && StorageFailures.IsDatabaseAway(exception))
        {
            throw StorageFailures.Unavailable($"{context.InterfaceName}.{context.MethodName} could not finish", exception);
        }
    }
}
