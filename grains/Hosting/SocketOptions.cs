namespace Juicebox.Grains.Hosting;

/// <summary>
/// How this process's sockets hand on what they received (<c>Sockets</c> section), applied by
/// <see cref="InlineSocketCompletions"/> before the host opens its first socket.
/// </summary>
public sealed class SocketOptions
{
    public const string SectionName = "Sockets";

    /// <summary>
    /// Run socket completions on the thread that polls the sockets instead of queueing each to the
    /// thread pool (<c>Sockets__InlineCompletions</c>, default true): a request that arrives is read and
    /// dispatched without one hand-off between threads. Off restores .NET's default.
    /// </summary>
    public bool InlineCompletions { get; set; } = true;
}
