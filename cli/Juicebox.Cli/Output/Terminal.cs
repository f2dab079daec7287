using Spectre.Console;

namespace Juicebox.Cli.Output;

/// <summary>
/// Where output goes and in which style: tables, colours and a live progress bar on a terminal; plain
/// tab-separated lines without ANSI codes when stdout is redirected, so scripts can read it.
/// </summary>
public sealed class Terminal
{
    private Terminal(bool plain, IAnsiConsole console)
    {
        IsPlain = plain;
        Console = console;
    }

    public bool IsPlain { get; }

    /// <summary>Spectre's console on stdout; only used when <see cref="IsPlain"/> is false.</summary>
    public IAnsiConsole Console { get; }

    public static Terminal Detect()
    {
        var plain = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Yes,
            ColorSystem = plain || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        return new Terminal(plain, console);
    }

    /// <summary>One line of tab-separated fields (tabs and line breaks inside a field become spaces).</summary>
    public static void WriteRow(params object?[] fields) =>
        System.Console.Out.WriteLine(string.Join('\t', fields.Select(field => Clean(Format(field)))));

    public static void WriteLine(string text) => System.Console.Out.WriteLine(text);

    /// <summary>A message for the person, never for the script reading stdout.</summary>
    public static void Note(string text) => System.Console.Error.WriteLine(text);

    public static void Error(string text) => System.Console.Error.WriteLine("juicebox: " + text);

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Clean(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
