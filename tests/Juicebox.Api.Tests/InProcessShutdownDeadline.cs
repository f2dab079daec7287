using System.Runtime.CompilerServices;

namespace Juicebox.Api.Tests;

/// <summary>
/// The hosts these tests start run inside the test process, and a stop that outlasts
/// <c>Hosting:ShutdownTimeout</c> ends the process it runs in. On a loaded machine an in-process
/// host's stop can take longer than the 20 s default, which would end the whole test run, so the
/// deadline here is two minutes. Tests that need a deadline set their own.
/// </summary>
internal static class InProcessShutdownDeadline
{
    [ModuleInitializer]
    internal static void LengthenForTheTestProcess() =>
        Environment.SetEnvironmentVariable("Hosting__ShutdownTimeout", "00:02:00");
}
