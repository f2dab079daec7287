using System.CommandLine;
using System.Text.Json;
using Juicebox.Cli.Api;
using Juicebox.Cli.Output;
using Spectre.Console;

namespace Juicebox.Cli.Commands;

/// <summary><c>juicebox ops budget|queue|dead-letters [--retry] [--json]</c>: operator keys only.</summary>
public static class OpsCommand
{
    public static Command Create(Connection connection, Terminal terminal)
    {
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer as it came", Recursive = true };
        var command = new Command("ops", "The operator's view (needs an operator key)") { json };

        var budget = new Command("budget", "The upstream key's budget: limits, use, and why work waits");
        budget.SetAction((parse, cancellationToken) => ShowAsync(connection, terminal, parse, json, (api, token) => api.GetBudgetAsync(token), cancellationToken));

        var queue = new Command("queue", "The enrichment queue: ready, in flight, dead letters, workers");
        queue.SetAction((parse, cancellationToken) => ShowAsync(connection, terminal, parse, json, (api, token) => api.GetQueueAsync(token), cancellationToken));

        var retry = new Option<bool>("--retry") { Description = "Put every dead letter back on the queue" };
        var deadLetters = new Command("dead-letters", "Enrichment requests given up on; --retry puts them back on the queue") { retry };
        deadLetters.SetAction((parse, cancellationToken) => parse.GetValue(retry)
            ? RetryAsync(connection, parse, cancellationToken)
            : ShowDeadLettersAsync(connection, terminal, parse, json, cancellationToken));

        command.Subcommands.Add(budget);
        command.Subcommands.Add(queue);
        command.Subcommands.Add(deadLetters);
        return command;
    }

    private static Task<int> ShowAsync(
        Connection connection, Terminal terminal, ParseResult parse, Option<bool> json, Func<JuiceboxApi, CancellationToken, Task<ApiResponse<JsonElement>>> read, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(async () =>
        {
            using var api = connection.Open(parse);
            var answer = await read(api, cancellationToken);
            if (parse.GetValue(json))
            {
                Terminal.WriteLine(answer.Json);
                return ExitCodes.Ok;
            }

            var rows = JsonDisplay.Flatten(answer.Value).ToList();
            if (terminal.IsPlain)
            {
                rows.ForEach(row => Terminal.WriteRow(row.Name, row.Value));
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Setting", "Value");
                rows.ForEach(row => table.AddRow(Markup.Escape(row.Name), Markup.Escape(row.Value)));
                terminal.Console.Write(table);
            }

            return ExitCodes.Ok;
        });

    private static Task<int> ShowDeadLettersAsync(Connection connection, Terminal terminal, ParseResult parse, Option<bool> json, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(async () =>
        {
            using var api = connection.Open(parse);
            var answer = await api.GetDeadLettersAsync(1000, cancellationToken);
            if (parse.GetValue(json))
            {
                Terminal.WriteLine(answer.Json);
                return ExitCodes.Ok;
            }

            var letters = answer.Value.GetProperty("items").EnumerateArray().ToList();
            string Field(JsonElement letter, string name) => letter.TryGetProperty(name, out var value) ? JsonDisplay.Scalar(value) : string.Empty;
            if (terminal.IsPlain)
            {
                Terminal.WriteRow("messageId", "jobId", "profiles", "attempts", "reason", "deadAt");
                foreach (var letter in letters)
                {
                    Terminal.WriteRow(Field(letter, "messageId"), Field(letter, "jobId"), letter.GetProperty("profileIds").GetArrayLength(),
                        Field(letter, "attempts"), Field(letter, "reason"), Field(letter, "deadAt"));
                }
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Message", "Job", "Profiles", "Attempts", "Reason", "Died")
                    .Caption(letters.Count == 0 ? "No dead letters." : $"{letters.Count} dead letter(s); 'juicebox ops dead-letters --retry' puts them back");
                foreach (var letter in letters)
                {
                    table.AddRow(Field(letter, "messageId"), Field(letter, "jobId"), letter.GetProperty("profileIds").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Field(letter, "attempts"), Markup.Escape(Field(letter, "reason")), Field(letter, "deadAt"));
                }

                terminal.Console.Write(table);
            }

            return ExitCodes.Ok;
        });

    private static Task<int> RetryAsync(Connection connection, ParseResult parse, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(async () =>
        {
            using var api = connection.Open(parse);
            var answer = await api.RetryDeadLettersAsync(cancellationToken);
            var requeued = answer.Value.GetProperty("requeued").GetInt32();
            Terminal.WriteRow("requeued", requeued);
            return ExitCodes.Ok;
        });
}
