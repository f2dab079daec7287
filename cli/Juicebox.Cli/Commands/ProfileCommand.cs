using System.CommandLine;
using System.Text.Json;
using Juicebox.Cli.Output;
using Spectre.Console;

namespace Juicebox.Cli.Commands;

/// <summary><c>juicebox profile &lt;id&gt; [--json]</c></summary>
public static class ProfileCommand
{
    public static Command Create(Connection connection, Terminal terminal)
    {
        var id = new Argument<string>("id") { Description = "The profile id, e.g. jb_3p6cv04kpvth3" };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer as it came" };
        var command = new Command("profile", "Show one profile, where the answer came from, and its enrichment") { id, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var api = connection.Open(parse);
            var profileId = parse.GetValue(id)!;
            var profile = await api.GetProfileAsync(profileId, cancellationToken);
            if (parse.GetValue(json))
            {
                Terminal.WriteLine(profile.Json);
                return ExitCodes.Ok;
            }

            var enrichment = await api.GetProfileEnrichmentAsync(profileId, cancellationToken);
            var rows = JsonDisplay.Flatten(profile.Value)
                .Where(pair => pair.Value.Length > 0 && !pair.Name.StartsWith("experience", StringComparison.Ordinal) && !pair.Name.StartsWith("education", StringComparison.Ordinal))
                .Append(("X-Cache", profile.Headers.GetValueOrDefault("X-Cache") ?? string.Empty))
                .Append(("X-Cache-Source", profile.Headers.GetValueOrDefault("X-Cache-Source") ?? string.Empty))
                .Append(("Last-Modified", profile.Headers.GetValueOrDefault("Last-Modified") ?? string.Empty))
                .Append(("Cache-Control", profile.Headers.GetValueOrDefault("Cache-Control") ?? string.Empty))
                .Append(("enrichment", enrichment is null ? "never requested" : $"{enrichment.Status} (job {enrichment.JobId})"))
                .ToList();
            if (terminal.IsPlain)
            {
                foreach (var (name, value) in rows)
                {
                    Terminal.WriteRow(name, value);
                }
            }
            else
            {
                var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
                foreach (var (label, value) in rows)
                {
                    grid.AddRow(new Markup($"[grey]{Markup.Escape(label)}[/]"), new Text(value));
                }

                var title = profile.Value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : profileId;
                terminal.Console.Write(new Panel(grid).Header(Markup.Escape(title)).Border(BoxBorder.Rounded));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
