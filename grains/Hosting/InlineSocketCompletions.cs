using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Juicebox.Grains.Hosting;

/// <summary>
/// Applies <see cref="SocketOptions.InlineCompletions"/> through the runtime's own switch, an environment
/// variable that .NET reads once, when the process opens its first asynchronous socket.
/// </summary>
public static class InlineSocketCompletions
{
    /// <summary>The runtime's switch: <c>1</c> runs completions on the polling thread.</summary>
    public const string RuntimeVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether this process's sockets complete inline, as the runtime decides it.</summary>
    public static bool AreOn => Environment.GetEnvironmentVariable(RuntimeVariable) == "1";

    /// <summary>
    /// Binds <see cref="SocketOptions"/> (validated at start) and, when <paramref name="hostAssembly"/> is the
    /// process's entry point, sets the runtime's switch from it. Call it first, before anything opens a socket.
    /// A process that hosts the app for tests keeps its own sockets as they are; a switch set in the
    /// environment by the operator wins over the setting.
    /// </summary>
    public static IHostApplicationBuilder AddJuiceboxSockets(this IHostApplicationBuilder builder, Assembly hostAssembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hostAssembly);

        var section = builder.Configuration.GetSection(SocketOptions.SectionName);
        builder.Services.AddOptions<SocketOptions>().Bind(section).ValidateOnStart();
        if (Assembly.GetEntryAssembly() == hostAssembly)
        {
            Apply(section, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);
        }

        return builder;
    }

    /// <summary>
    /// Sets the runtime's switch to <c>1</c> when the setting is on (or unset) and the switch is unset. A value
    /// that is not a boolean changes nothing here: binding the options refuses it when the host starts.
    /// </summary>
    internal static void Apply(IConfiguration sockets, Func<string, string?> read, Action<string, string?> write)
    {
        var configured = sockets[nameof(SocketOptions.InlineCompletions)];
        var on = configured is null || (bool.TryParse(configured, out var value) && value);
        if (on && string.IsNullOrEmpty(read(RuntimeVariable)))
        {
            write(RuntimeVariable, "1");
        }
    }
}
