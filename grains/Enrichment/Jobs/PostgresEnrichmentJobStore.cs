using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Grains.Enrichment.Jobs;

/// <summary>
/// The job store of Cluster mode: tables <c>juicebox_enrichment_jobs</c> and
/// <c>juicebox_enrichment_items</c> (schema migrations 0006 and 0013). Every operation is one round trip and
/// atomic; values travel only as parameters, lists of items as arrays expanded by <c>unnest</c>.
/// </summary>
/// <remarks>
/// Writes that touch items lock them in key order first, so that concurrent batches which overlap
/// cannot deadlock. Recording outcomes also locks the jobs' rows first: two batches finishing the last
/// items of one job would otherwise each see the other's items still running, and neither would set
/// <c>finished_at</c>.
/// </remarks>
public sealed class PostgresEnrichmentJobStore : IEnrichmentJobStore
{
    /// <summary>How many rows one statement of <see cref="DeleteFinishedJobsAsync"/> deletes at most.</summary>
    public const int DefaultDeleteBatchSize = 5_000;

    private const string CreateJobSql =
        """
        WITH job AS (
            INSERT INTO juicebox_enrichment_jobs (job_id, created_at, total, rejected, finished_at, owner)
            VALUES (@job_id, @created_at, @total, @rejected, CASE WHEN @total = 0 THEN @created_at END, @owner)
            ON CONFLICT (job_id) DO NOTHING
            RETURNING job_id)
        INSERT INTO juicebox_enrichment_items (job_id, profile_id, status, requested_at)
        SELECT job.job_id, ids.profile_id, 0, @created_at
        FROM job CROSS JOIN unnest(@profile_ids) AS ids(profile_id)
        """;

    private const string LockJobsSql =
        """
        SELECT 1 FROM juicebox_enrichment_jobs
        WHERE job_id = ANY(@job_ids)
        ORDER BY job_id
        FOR UPDATE
        """;

    private const string LockItemsSql =
        """
        SELECT 1 FROM juicebox_enrichment_items
        WHERE (job_id, profile_id) IN (SELECT * FROM unnest(@job_ids, @profile_ids))
        ORDER BY job_id, profile_id
        FOR UPDATE
        """;

    private const string MarkRunningSql =
        """
        UPDATE juicebox_enrichment_items AS item
        SET status = 1, started_at = @at
        FROM unnest(@job_ids, @profile_ids) AS k(job_id, profile_id)
        WHERE item.job_id = k.job_id AND item.profile_id = k.profile_id AND item.status = 0
        """;

    private const string ReturnToQueueSql =
        """
        UPDATE juicebox_enrichment_items AS item
        SET status = 0
        FROM unnest(@job_ids, @profile_ids) AS k(job_id, profile_id)
        WHERE item.job_id = k.job_id AND item.profile_id = k.profile_id AND item.status = 1
        """;

    // Mirrors EnrichmentJobRules.CanRecord: unfinished items take any outcome, Skipped (3) and
    // Failed (4) only Done (2), Done nothing.
    private const string RecordOutcomesSql =
        """
        UPDATE juicebox_enrichment_items AS item
        SET status = o.status, reason = o.reason, finished_at = o.at
        FROM unnest(@job_ids, @profile_ids, @statuses, @reasons, @ats) AS o(job_id, profile_id, status, reason, at)
        WHERE item.job_id = o.job_id AND item.profile_id = o.profile_id
          AND (item.status IN (0, 1) OR (item.status IN (3, 4) AND o.status = 2))
        """;

    private const string FinishJobsSql =
        """
        UPDATE juicebox_enrichment_jobs AS job
        SET finished_at = (SELECT max(item.finished_at) FROM juicebox_enrichment_items AS item WHERE item.job_id = job.job_id)
        WHERE job.job_id = ANY(@job_ids)
          AND job.finished_at IS NULL
          AND NOT EXISTS (
              SELECT 1 FROM juicebox_enrichment_items AS item
              WHERE item.job_id = job.job_id AND item.status IN (0, 1))
        """;

    private const string LockJobsOfProfileSql =
        """
        SELECT job.job_id FROM juicebox_enrichment_jobs AS job
        WHERE job.job_id IN (SELECT item.job_id FROM juicebox_enrichment_items AS item WHERE item.profile_id = @profile_id)
        ORDER BY job.job_id
        FOR UPDATE
        """;

    private const string EraseProfileSql =
        """
        UPDATE juicebox_enrichment_items AS item
        SET profile_id = @pseudonym,
            status = CASE WHEN item.status IN (0, 1) THEN 4 ELSE item.status END,
            reason = CASE WHEN item.status IN (0, 1) THEN @reason ELSE item.reason END,
            finished_at = CASE WHEN item.status IN (0, 1) THEN @at ELSE item.finished_at END
        WHERE item.profile_id = @profile_id
        """;

    private const string GetJobSql =
        """
        SELECT job.created_at, job.total, job.rejected, job.finished_at,
               count(*) FILTER (WHERE item.status = 0)::integer,
               count(*) FILTER (WHERE item.status = 1)::integer,
               count(*) FILTER (WHERE item.status = 2)::integer,
               count(*) FILTER (WHERE item.status = 3)::integer,
               count(*) FILTER (WHERE item.status = 4)::integer,
               min(least(item.started_at, item.finished_at)),
               max(item.finished_at),
               job.owner
        FROM juicebox_enrichment_jobs AS job
        LEFT JOIN juicebox_enrichment_items AS item ON item.job_id = job.job_id
        WHERE job.job_id = @job_id
        GROUP BY job.job_id
        """;

    private const string ItemColumns = "job_id, profile_id, status, reason, requested_at, started_at, finished_at";

    private const string GetFailedItemsSql =
        $"""
        SELECT {ItemColumns}
        FROM juicebox_enrichment_items
        WHERE job_id = @job_id AND status = 4 AND (@after IS NULL OR profile_id > @after)
        ORDER BY profile_id
        LIMIT @limit
        """;

    // Served by the primary key (job_id, profile_id): a page costs the same at the end of a 50,000-item job as at its start.
    private const string GetSettledItemsSql =
        $"""
        SELECT {ItemColumns}
        FROM juicebox_enrichment_items
        WHERE job_id = @job_id AND status IN (2, 3, 4) AND (@after IS NULL OR profile_id > @after)
        ORDER BY profile_id
        LIMIT @limit
        """;

    private const string GetLatestForProfileSql =
        $"""
        SELECT {ItemColumns}
        FROM juicebox_enrichment_items
        WHERE profile_id = @profile_id
        ORDER BY requested_at DESC, job_id DESC
        LIMIT 1
        """;

    private const string DeleteFinishedItemsSql =
        """
        DELETE FROM juicebox_enrichment_items
        WHERE (job_id, profile_id) IN (
            SELECT item.job_id, item.profile_id
            FROM juicebox_enrichment_jobs AS job
            JOIN juicebox_enrichment_items AS item ON item.job_id = job.job_id
            WHERE job.finished_at < @cutoff
            LIMIT @batch_size)
        """;

    private const string DeleteEmptyFinishedJobsSql =
        """
        DELETE FROM juicebox_enrichment_jobs
        WHERE job_id IN (
            SELECT job.job_id
            FROM juicebox_enrichment_jobs AS job
            WHERE job.finished_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM juicebox_enrichment_items AS item WHERE item.job_id = job.job_id)
            LIMIT @batch_size)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _deleteBatchSize;

    /// <summary>Uses the host's shared data source; the schema must be migrated (0006 or later).</summary>
    public PostgresEnrichmentJobStore(NpgsqlDataSource dataSource)
        : this(dataSource, DefaultDeleteBatchSize)
    {
    }

    internal PostgresEnrichmentJobStore(NpgsqlDataSource dataSource, int deleteBatchSize)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deleteBatchSize);
        _dataSource = dataSource;
        _deleteBatchSize = deleteBatchSize;
    }

    /// <inheritdoc/>
    public async Task CreateJobAsync(EnrichmentJobDraft job, CancellationToken cancellationToken = default)
    {
        EnrichmentJobRules.ValidateDraft(job);

        await using var command = _dataSource.CreateCommand(CreateJobSql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("job_id", job.JobId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", EnrichmentJobRules.Normalize(job.CreatedAt)));
        command.Parameters.Add(new NpgsqlParameter<int>("total", job.ProfileIds.Count));
        command.Parameters.Add(new NpgsqlParameter<int>("rejected", job.Rejected));
        command.Parameters.Add(new NpgsqlParameter<string?>("owner", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = job.Owner });
        command.Parameters.Add(TextArray("profile_ids", job.ProfileIds as string[] ?? [.. job.ProfileIds]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task MarkRunningAsync(IReadOnlyCollection<EnrichmentItemKey> items, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        EnrichmentJobRules.ValidateKeys(items, nameof(items));
        if (items.Count == 0)
        {
            return;
        }

        await using var batch = _dataSource.CreateBatch();
        AddItemCommand(batch, LockItemsSql, items);
        AddItemCommand(batch, MarkRunningSql, items)
            .Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", EnrichmentJobRules.Normalize(at)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ReturnToQueueAsync(IReadOnlyCollection<EnrichmentItemKey> items, CancellationToken cancellationToken = default)
    {
        EnrichmentJobRules.ValidateKeys(items, nameof(items));
        if (items.Count == 0)
        {
            return;
        }

        await using var batch = _dataSource.CreateBatch();
        AddItemCommand(batch, LockItemsSql, items);
        AddItemCommand(batch, ReturnToQueueSql, items);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RecordOutcomesAsync(IReadOnlyCollection<EnrichmentItemOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        var reduced = EnrichmentJobRules.Reduce(outcomes, nameof(outcomes));
        if (reduced.Count == 0)
        {
            return;
        }

        var jobIds = new Guid[reduced.Count];
        var profileIds = new string[reduced.Count];
        var statuses = new short[reduced.Count];
        var reasons = new string?[reduced.Count];
        var ats = new DateTimeOffset[reduced.Count];
        for (var i = 0; i < reduced.Count; i++)
        {
            jobIds[i] = reduced[i].JobId;
            profileIds[i] = reduced[i].ProfileId;
            statuses[i] = (short)reduced[i].Status;
            reasons[i] = reduced[i].Reason;
            ats[i] = reduced[i].At;
        }

        var distinctJobIds = jobIds.Distinct().ToArray();

        // No explicit transaction: PostgreSQL runs a batch as one implicit transaction.
        await using var batch = _dataSource.CreateBatch();
        AddCommand(batch, LockJobsSql).Parameters.Add(UuidArray("job_ids", distinctJobIds));

        var lockItems = AddCommand(batch, LockItemsSql);
        lockItems.Parameters.Add(UuidArray("job_ids", jobIds));
        lockItems.Parameters.Add(TextArray("profile_ids", profileIds));

        var record = AddCommand(batch, RecordOutcomesSql);
        record.Parameters.Add(UuidArray("job_ids", jobIds));
        record.Parameters.Add(TextArray("profile_ids", profileIds));
        record.Parameters.Add(new NpgsqlParameter<short[]>("statuses", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = statuses });
        record.Parameters.Add(TextArray("reasons", reasons));
        record.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = ats });

        AddCommand(batch, FinishJobsSql).Parameters.Add(UuidArray("job_ids", distinctJobIds));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One transaction: the jobs are locked first, in key order, as <see cref="RecordOutcomesAsync"/> locks them.</remarks>
    public async Task<int> EraseProfileAsync(string profileId, string pseudonym, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        ArgumentNullException.ThrowIfNull(pseudonym);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var jobIds = new List<Guid>();
        await using (var lockJobs = new NpgsqlCommand(LockJobsOfProfileSql, connection, transaction))
        {
            lockJobs.Parameters.Add(new NpgsqlParameter<string>("profile_id", NpgsqlDbType.Text) { TypedValue = profileId });
            await using var reader = await lockJobs.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                jobIds.Add(reader.GetGuid(0));
            }
        }

        if (jobIds.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        int erased;
        await using (var erase = new NpgsqlCommand(EraseProfileSql, connection, transaction))
        {
            erase.Parameters.Add(new NpgsqlParameter<string>("profile_id", NpgsqlDbType.Text) { TypedValue = profileId });
            erase.Parameters.Add(new NpgsqlParameter<string>("pseudonym", NpgsqlDbType.Text) { TypedValue = pseudonym });
            erase.Parameters.Add(new NpgsqlParameter<string>("reason", NpgsqlDbType.Text) { TypedValue = EnrichmentJobRules.ErasedReason });
            erase.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", EnrichmentJobRules.Normalize(at)));
            erased = await erase.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var finish = new NpgsqlCommand(FinishJobsSql, connection, transaction))
        {
            finish.Parameters.Add(UuidArray("job_ids", [.. jobIds]));
            await finish.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return erased;
    }

    /// <inheritdoc/>
    public async Task<EnrichmentJobCounts?> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(GetJobSql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("job_id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new EnrichmentJobCounts
        {
            JobId = jobId,
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(0),
            Total = reader.GetInt32(1),
            Rejected = reader.GetInt32(2),
            FinishedAt = reader.GetFieldValue<DateTimeOffset?>(3),
            Queued = reader.GetInt32(4),
            Running = reader.GetInt32(5),
            Done = reader.GetInt32(6),
            Skipped = reader.GetInt32(7),
            Failed = reader.GetInt32(8),
            FirstStartedAt = reader.GetFieldValue<DateTimeOffset?>(9),
            LastFinishedAt = reader.GetFieldValue<DateTimeOffset?>(10),
            Owner = reader.IsDBNull(11) ? null : reader.GetString(11),
        };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EnrichmentItemState>> GetFailedItemsAsync(
        Guid jobId,
        string? afterProfileId,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        return await ReadItemPageAsync(GetFailedItemsSql, jobId, afterProfileId, limit, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EnrichmentItemState>> GetSettledItemsAsync(
        Guid jobId,
        string? afterProfileId,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadItemPageAsync(GetSettledItemsSql, jobId, afterProfileId, limit, cancellationToken);
    }

    private async Task<IReadOnlyList<EnrichmentItemState>> ReadItemPageAsync(
        string sql, Guid jobId, string? afterProfileId, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("job_id", jobId));
        command.Parameters.Add(new NpgsqlParameter<string?>("after", NpgsqlDbType.Text) { TypedValue = afterProfileId });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<EnrichmentItemState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadItem(reader));
        }

        return items;
    }

    /// <inheritdoc/>
    public async Task<EnrichmentItemState?> GetLatestForProfileAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);

        await using var command = _dataSource.CreateCommand(GetLatestForProfileSql);
        command.Parameters.Add(new NpgsqlParameter<string>("profile_id", NpgsqlDbType.Text) { TypedValue = profileId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadItem(reader) : null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Deletes the items of finished jobs, then the emptied jobs, each in statements of at most
    /// <see cref="DefaultDeleteBatchSize"/> rows, so no statement holds many locks or runs long.
    /// </remarks>
    public async Task<int> DeleteFinishedJobsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var normalizedCutoff = EnrichmentJobRules.Normalize(cutoff);
        int deleted;
        do
        {
            deleted = await DeleteBatchAsync(DeleteFinishedItemsSql, normalizedCutoff, cancellationToken);
        }
        while (deleted == _deleteBatchSize);

        var jobs = 0;
        do
        {
            deleted = await DeleteBatchAsync(DeleteEmptyFinishedJobsSql, normalizedCutoff, cancellationToken);
            jobs += deleted;
        }
        while (deleted == _deleteBatchSize);

        return jobs;
    }

    private async Task<int> DeleteBatchAsync(string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", cutoff));
        command.Parameters.Add(new NpgsqlParameter<int>("batch_size", _deleteBatchSize));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand AddCommand(NpgsqlBatch batch, string sql)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        batch.BatchCommands.Add(command);
        return command;
    }

    private static NpgsqlBatchCommand AddItemCommand(NpgsqlBatch batch, string sql, IReadOnlyCollection<EnrichmentItemKey> items)
    {
        var jobIds = new Guid[items.Count];
        var profileIds = new string[items.Count];
        var i = 0;
        foreach (var item in items)
        {
            jobIds[i] = item.JobId;
            profileIds[i] = item.ProfileId;
            i++;
        }

        var command = AddCommand(batch, sql);
        command.Parameters.Add(UuidArray("job_ids", jobIds));
        command.Parameters.Add(TextArray("profile_ids", profileIds));
        return command;
    }

    private static NpgsqlParameter<Guid[]> UuidArray(string name, Guid[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = values };

    private static NpgsqlParameter<string?[]> TextArray(string name, string?[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values };

    private static EnrichmentItemState ReadItem(NpgsqlDataReader reader) => new()
    {
        JobId = reader.GetGuid(0),
        ProfileId = reader.GetString(1),
        Status = (EnrichmentItemStatus)reader.GetInt16(2),
        Reason = reader.IsDBNull(3) ? null : reader.GetString(3),
        RequestedAt = reader.GetFieldValue<DateTimeOffset>(4),
        StartedAt = reader.GetFieldValue<DateTimeOffset?>(5),
        FinishedAt = reader.GetFieldValue<DateTimeOffset?>(6),
    };
}
