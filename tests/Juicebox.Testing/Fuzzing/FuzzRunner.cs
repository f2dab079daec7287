using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Juicebox.Testing.Fuzzing;

/// <summary>
/// Sends generated cases and checks each answer: never a status of 500 or more, and every error
/// (4xx) an RFC 9457 problem document (<c>application/problem+json</c>) whose <c>status</c> is the response's,
/// except the bare refusals of a real server's HTTP parser (<see cref="KestrelParserRules"/>), counted apart.
/// </summary>
public static class FuzzRunner
{
    private const int MaxProblemBytes = 1024 * 1024;

    public static async Task<FuzzReport> RunAsync(
        HttpClient client,
        FuzzRequestGenerator generator,
        int count,
        int concurrency,
        TimeSpan requestTimeout,
        KestrelParserRules? server,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(generator);
        var statuses = new ConcurrentDictionary<int, int>();
        var violations = new ConcurrentQueue<FuzzViolation>();
        var refusedByParser = new ConcurrentDictionary<int, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var fuzzCase = generator.Create(index);
                var (status, refused, problem) = await SendAsync(client, fuzzCase, requestTimeout, server, cancellationToken);
                statuses.AddOrUpdate(status, 1, (key, total) => total + 1);
                if (refused)
                {
                    refusedByParser.AddOrUpdate(status, 1, (key, total) => total + 1);
                }

                if (problem is not null)
                {
                    violations.Enqueue(new FuzzViolation(fuzzCase, status, problem));
                }
            }
        }));

        return new FuzzReport(count, clock.Elapsed, new SortedDictionary<int, int>(statuses), new SortedDictionary<int, int>(refusedByParser), [.. violations.OrderBy(violation => violation.Case.Index)]);
    }

    /// <summary>
    /// The response's status, whether it was <paramref name="server"/>'s parser refusing the request
    /// before the app saw it, and what is wrong with the answer, or null. Status 0: no answer; -1: a real
    /// server closed the connection, which Kestrel does for a request it will not read. In process
    /// (<paramref name="server"/> null) there is no parser in front of the app, so nothing is excused.
    /// </summary>
    public static async Task<(int Status, bool RefusedByParser, string? Problem)> SendAsync(
        HttpClient client, FuzzCase fuzzCase, TimeSpan requestTimeout, KestrelParserRules? server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fuzzCase);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        try
        {
            using var request = fuzzCase.ToRequest(client.BaseAddress!);
            var refusal = server?.RefusalOf(request);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return (status, false, $"answered {status}: {await ReadCappedAsync(response, timeout.Token)}");
            }

            if (status < 400)
            {
                return (status, false, null);
            }

            if (refusal == status && KestrelParserRules.IsBareRefusal(response))
            {
                return (status, true, null);
            }

            var problem = await CheckProblemAsync(response, status, timeout.Token);
            return (status, false, problem is null || refusal is null ? problem : $"{problem} (the server's parser would refuse it with {refusal})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, false, $"no answer within {requestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception) when (server is not null && exception.InnerException is IOException or null)
        {
            // A real server closing the connection on a request it will not read (e.g. headers over
            // Kestrel's own limit) is an answer too; the status tells it apart from the ones checked.
            return (-1, false, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (0, false, $"the server failed the request: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static async Task<string?> CheckProblemAsync(HttpResponseMessage response, int status, CancellationToken cancellationToken)
    {
        if (response.RequestMessage?.Method == HttpMethod.Head)
        {
            return null;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var body = await ReadCappedAsync(response, cancellationToken);
        if (mediaType != "application/problem+json")
        {
            return $"answered {status} as '{mediaType ?? "no content type"}', not a problem document: {Cut(body)}";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("status", out var value)
                && value.ValueKind == JsonValueKind.Number
                && value.GetInt32() == status
                    ? null
                    : $"answered {status} with a problem document whose status is not {status}: {Cut(body)}";
        }
        catch (JsonException)
        {
            return $"answered {status} with a problem document that is not JSON: {Cut(body)}";
        }
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxProblemBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}

/// <summary>
/// What a fuzz run sent and found. <see cref="ParserRefusals"/> of the 4xx in <see cref="Statuses"/> were
/// the bare refusals of the server's HTTP parser (<see cref="KestrelParserRules"/>), never the app's.
/// </summary>
public sealed record FuzzReport(
    int Requests,
    TimeSpan Elapsed,
    IReadOnlyDictionary<int, int> Statuses,
    IReadOnlyDictionary<int, int> ParserRefusals,
    IReadOnlyList<FuzzViolation> Violations)
{
    /// <summary>How many answers were the server's parser refusing the request, whatever their status.</summary>
    public int RefusedByParser => ParserRefusals.Values.Sum();

    public int CountAtLeast(int status) => Statuses.Where(entry => entry.Key >= status).Sum(entry => entry.Value);

    public string DescribeStatuses() => Describe(Statuses) + $"; of them refused by the HTTP parser before the app: {(RefusedByParser == 0 ? "none" : Describe(ParserRefusals))}";

    private static string Describe(IReadOnlyDictionary<int, int> statuses) => string.Join(", ", statuses.Select(entry =>
        $"{(entry.Key < 0 ? "closed" : entry.Key == 0 ? "none" : entry.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {entry.Value}"));
}

/// <summary>A case whose answer broke a rule.</summary>
public sealed record FuzzViolation(FuzzCase Case, int Status, string Problem)
{
    public override string ToString() => $"{Problem}{Environment.NewLine}    request {Case}";
}
