namespace Juicebox.GrainInterfaces.Persistence;

/// <summary>
/// The cluster's database could not be reached (stopped, restarting or stalled), so the call did
/// nothing durable: a caller may retry it later. Carries no database detail across the wire.
/// </summary>
[GenerateSerializer, Alias("Juicebox.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
