namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// Sits on every HTTP client the API tests get from <see cref="EmbeddedApiFactory"/> and checks each
/// response against the committed document. A mismatch fails the test that received it, with what the
/// document expected; with <c>JUICEBOX_CONFORMANCE_REPORT=&lt;file&gt;</c> it is appended to that file instead
/// (report-only mode, to count mismatches without stopping the tests).
/// </summary>
public sealed class ConformanceHandler(ContractDocument document, string? reportFile = null) : DelegatingHandler
{
    public const string ReportVariable = "JUICEBOX_CONFORMANCE_REPORT";

    /// <summary>The report file that <see cref="ReportVariable"/> names, if any: report-only mode.</summary>
    public static string? ReportFile => Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } file ? file : null;

    private static readonly object _reportLock = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;

        // A stream of events is read by the test as it comes; its framing is not JSON, only its type is checked.
        var body = contentType is "text/event-stream" ? [] : await ReadBufferedAsync(response, cancellationToken);
        var mismatches = ResponseConformance.Check(
            document, request.Method.Method, request.RequestUri?.AbsolutePath ?? "/", (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(), body);
        if (reportFile is { } report)
        {
            // One line per response checked, then one per mismatch: the report counts both.
            var test = TestContext.Current.Test?.TestDisplayName ?? "(no test)";
            var line = $"{test}\tresponse\t{request.Method} {request.RequestUri?.AbsolutePath} {(int)response.StatusCode}\t{mismatches.Count}";
            lock (_reportLock)
            {
                File.AppendAllLines(report, [line, .. mismatches.Select(mismatch => $"{test}\tmismatch\t{mismatch}")]);
            }

            return response;
        }

        if (mismatches.Count == 0)
        {
            return response;
        }

        response.Dispose();
        throw new ContractMismatchException(mismatches);
    }

    private static async Task<byte[]> ReadBufferedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}

/// <summary>A response the API tests received that the committed OpenAPI document does not describe.</summary>
public sealed class ContractMismatchException(IReadOnlyList<string> mismatches) : Exception(
    $"The response does not match the OpenAPI document ({ContractDocument.CommittedPath}; after an intended API change, " +
    $"regenerate it with {ContractDocument.RegenerateCommand}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", mismatches))
{
    public IReadOnlyList<string> Mismatches { get; } = mismatches;
}
