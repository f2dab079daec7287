using System.CommandLine;
using Juicebox.Cli;
using Juicebox.Cli.Commands;
using Juicebox.Cli.Output;

var terminal = Terminal.Detect();
var connection = new Connection();
var root = new RootCommand("juicebox: the command line of Orleans.Juicebox (search, profiles, bulk enrichment, operations)")
{
    connection.Url,
    connection.Key,
    SearchCommand.Create(connection, terminal),
    ProfileCommand.Create(connection, terminal),
    EnrichCommand.Create(connection, terminal),
    JobCommand.Create(connection, terminal),
    OpsCommand.Create(connection, terminal),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Terminal.Error(error.Message);
    }

    Terminal.Note("Run 'juicebox --help' for the commands and their options.");
    return ExitCodes.BadInput;
}

// Ctrl-C cancels the command's token; 'enrich' and 'job --follow' then say how to resume and exit.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
