namespace Juicebox.LoadGenerator;

/// <summary>.NET's switch for running socket completions on the polling threads, read once, when the process's first socket is made.</summary>
internal static class SocketCompletions
{
    public const string RuntimeVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns the switch on unless the environment already sets it (the caller's value wins).</summary>
    public static void RunInline()
    {
        if (Environment.GetEnvironmentVariable(RuntimeVariable) is null)
        {
            Environment.SetEnvironmentVariable(RuntimeVariable, "1");
        }
    }
}
