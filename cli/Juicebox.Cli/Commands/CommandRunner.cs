using Juicebox.Cli.Api;
using Juicebox.Cli.Output;

namespace Juicebox.Cli.Commands;

/// <summary>Runs a command's body and turns what went wrong into a sentence on stderr and an exit code.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UsageException usage)
        {
            Terminal.Error(usage.Message);
            return ExitCodes.BadInput;
        }
        catch (ApiException failure)
        {
            Terminal.Error(failure.Message);
            return failure.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Terminal.Error("interrupted.");
            return ExitCodes.Interrupted;
        }
    }
}
