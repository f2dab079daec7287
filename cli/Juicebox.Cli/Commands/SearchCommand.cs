using System.CommandLine;
using Juicebox.Cli.Api;
using Juicebox.Cli.Output;
using Spectre.Console;

namespace Juicebox.Cli.Commands;

/// <summary><c>juicebox search "&lt;query&gt;" [--limit N] [--json]</c></summary>
public static class SearchCommand
{
    public static Command Create(Connection connection, Terminal terminal)
    {
        var query = new Argument<string>("query") { Description = "The search query, e.g. 'title:\"data engineer\" AND location:Berlin'" };
        var limit = new Option<int>("--limit") { Description = "Results to show (1-100)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer as it came" };
        var command = new Command("search", "Search people; a malformed query is refused before it spends anything upstream") { query, limit, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var api = connection.Open(parse);
            var text = parse.GetValue(query)!;
            ApiResponse<SearchPage> page;
            try
            {
                page = await api.SearchAsync(text, parse.GetValue(limit), null, cancellationToken);
            }
            catch (ApiException invalid) when (invalid.Problem?.Position is { } position)
            {
                Terminal.Error(invalid.Message);
                Terminal.Note("  " + text);
                Terminal.Note("  " + new string(' ', Math.Min(position, text.Length)) + "^");
                return ExitCodes.BadInput;
            }

            var cache = page.Headers.GetValueOrDefault("X-Cache") ?? "unknown";
            if (parse.GetValue(json))
            {
                Terminal.WriteLine(page.Json);
            }
            else if (terminal.IsPlain)
            {
                Terminal.WriteRow("id", "name", "title", "company", "location");
                foreach (var profile in page.Value.Profiles)
                {
                    Terminal.WriteRow(profile.Id, profile.Name, profile.Title, profile.Company, profile.Location);
                }

                Terminal.Note($"{page.Value.Profiles.Count} of {page.Value.Total} results; X-Cache: {cache}");
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumns("Id", "Name", "Title", "Company", "Location")
                    .Caption($"{page.Value.Profiles.Count} of {page.Value.Total:N0} results · X-Cache: {cache}");
                foreach (var profile in page.Value.Profiles)
                {
                    table.AddRow(Cell(profile.Id), Cell(profile.Name), Cell(profile.Title), Cell(profile.Company), Cell(profile.Location));
                }

                terminal.Console.Write(table);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Cell(string? text) => Markup.Escape(text ?? string.Empty);
}
