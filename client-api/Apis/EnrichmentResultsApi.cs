using Juicebox.ClientApi.Apis.Exports;
using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.OpenApi;
using Juicebox.GrainInterfaces.Enrichment;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// The export of a job's results: every settled profile with its status and, for callers who may see
/// it, the contact block, streamed a page of the job store at a time and resumable by profile id.
/// </summary>
public static partial class EnrichmentResultsApi
{
    /// <summary>Items read from the job store per round trip; also the most rows held in memory at once.</summary>
    internal const int PageSize = 500;

    /// <summary>Contact blocks read from profile grains at once while a page is written.</summary>
    internal const int ContactReadsAtOnce = 50;

    private const int MaxLimit = 50_000;

    public static IEndpointRouteBuilder MapEnrichmentResultsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGroup("api/v1/enrichments").WithTags(ApiTags.Enrichment).RequireScope(ApiScopes.Enrich)
            .MapGet("{jobId:guid}/results", GetResultsAsync)
            .WithName("ExportEnrichmentResults")
            .WithSummary("Every settled profile of the job (done, skipped, failed) with its status and, for keys that may see it, the contact block; streamed.")
            .WithDescription(
                "format=ndjson (default; one JSON object per line: profileId, status, reason, finishedAt, contact) or csv (a header line, then "
                + "profileId,status,reason,finishedAt[,email,personalEmail,phone]). Rows are ordered by profile id and written while the job store is read, "
                + "so a 50,000-profile job is never held in memory. Resume an interrupted download with after=<the last profile id received>; "
                + $"limit=1..{MaxLimit} caps the rows of one response. Contact fields appear only for keys with the contact:read scope (others get X-Contact: withheld). Profiles still pending are left out; X-Job-Finished says whether more can settle. Contact blocks are read from "
                + "the profiles the cluster holds and never cost an upstream call. 404: no such job, or not one of this client's.")
            .Produces(StatusCodes.Status200OK, typeof(string), EnrichmentResultFormats.NdJsonContentType, EnrichmentResultFormats.CsvContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> GetResultsAsync(
        Guid jobId,
        string? format,
        string? after,
        int? limit,
        GrainReads reads,
        HttpContext context,
        ILoggerFactory loggers)
    {
        if (!EnrichmentResultFormats.TryParse(format, out var resultFormat))
        {
            return ExportProblems.InvalidFormat(format!);
        }

        if (after is not null && !ProfileKey.IsValidId(after))
        {
            return ExportProblems.InvalidAfter(after);
        }

        var rows = limit ?? MaxLimit;
        if (rows is < 1 or > MaxLimit)
        {
            return ApiProblems.InvalidLimit(rows, MaxLimit);
        }

        var progress = await EnrichmentsApi.ReadVisibleJobAsync(jobId, reads, context);
        if (progress is null)
        {
            return ApiProblems.JobNotFound(jobId);
        }

        var withContact = ContactVisibility.MaySeeContact(context);
        var response = context.Response;
        response.ContentType = EnrichmentResultFormats.ContentType(resultFormat);
        response.Headers.CacheControl = "private, no-store";
        response.Headers.ContentDisposition = $"attachment; filename=\"enrichment-{jobId}.{EnrichmentResultFormats.Extension(resultFormat)}\"";
        response.Headers["X-Job-Finished"] = progress.IsFinished ? "true" : "false";

        try
        {
            await WriteAsync(jobId, after, rows, new EnrichmentResultWriter(resultFormat, withContact), withContact, reads, context);
        }
        catch (Exception exception) when (response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The status line is sent: the only honest signal left is a cut connection (no final chunk),
            // which every client reports as an incomplete download, to be resumed with after=.
            LogExportBroken(loggers.CreateLogger(typeof(EnrichmentResultsApi)), jobId, exception.GetType().Name);
            context.Abort();
        }

        return Results.Empty;
    }

    private static async Task WriteAsync(
        Guid jobId, string? after, int rows, EnrichmentResultWriter writer, bool withContact, GrainReads reads, HttpContext context)
    {
        using var _ = writer;
        var cancellationToken = context.RequestAborted;
        var body = context.Response.Body;
        writer.WriteHeader();
        var left = rows;
        while (left > 0)
        {
            var pageSize = Math.Min(PageSize, left);
            var cursor = after;
            var page = await reads.ReadAsync(grains => Coordinator(grains).GetSettledAsync(jobId, cursor, pageSize), cancellationToken);
            var contacts = withContact ? await ReadContactsAsync(page, reads, cancellationToken) : null;
            for (var i = 0; i < page.Count; i++)
            {
                writer.Write(new EnrichmentResultRow(page[i], contacts?[i]));
            }

            await body.WriteAsync(writer.Pending, cancellationToken);
            await body.FlushAsync(cancellationToken);
            writer.Clear();
            left -= page.Count;
            if (page.Count < pageSize)
            {
                break;
            }

            after = page[^1].ProfileId;
        }
    }

    /// <summary>The contact blocks of a page's done and skipped profiles, from their grains, a bounded number at a time.</summary>
    private static async Task<ContactData?[]> ReadContactsAsync(
        IReadOnlyList<EnrichmentItemState> page, GrainReads reads, CancellationToken cancellationToken)
    {
        var contacts = new ContactData?[page.Count];
        for (var start = 0; start < page.Count; start += ContactReadsAtOnce)
        {
            var end = Math.Min(page.Count, start + ContactReadsAtOnce);
            var reading = new List<Task>(end - start);
            for (var i = start; i < end; i++)
            {
                if (page[i].Status is EnrichmentItemStatus.Done or EnrichmentItemStatus.Skipped)
                {
                    reading.Add(ReadContactAsync(contacts, i, page[i].ProfileId, reads, cancellationToken));
                }
            }

            await Task.WhenAll(reading);
        }

        return contacts;
    }

    private static async Task ReadContactAsync(ContactData?[] contacts, int index, string profileId, GrainReads reads, CancellationToken cancellationToken) =>
        contacts[index] = await reads.ReadAsync(grains => grains.GetProfileGrain(profileId).GetContactAsync(), cancellationToken);

    private static IEnrichmentCoordinatorGrain Coordinator(IGrainFactory grains) => grains.GetGrain<IEnrichmentCoordinatorGrain>(0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The results export of enrichment job {JobId} broke off after it started ({ExceptionType}); the client can resume with after=")]
    private static partial void LogExportBroken(ILogger logger, Guid jobId, string exceptionType);
}
