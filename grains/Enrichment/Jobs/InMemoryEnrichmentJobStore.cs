namespace Juicebox.Grains.Enrichment.Jobs;

/// <summary>
/// The job store of Embedded mode: everything in this process's memory, lost when it stops. Behaves
/// exactly as <see cref="PostgresEnrichmentJobStore"/> does, including the microsecond precision of
/// times. One lock guards everything; Embedded mode runs one process with modest jobs.
/// </summary>
public sealed class InMemoryEnrichmentJobStore : IEnrichmentJobStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Job> _jobs = [];

    /// <inheritdoc/>
    public Task CreateJobAsync(EnrichmentJobDraft job, CancellationToken cancellationToken = default)
    {
        EnrichmentJobRules.ValidateDraft(job);
        cancellationToken.ThrowIfCancellationRequested();

        var createdAt = EnrichmentJobRules.Normalize(job.CreatedAt);
        var items = new Dictionary<string, Item>(job.ProfileIds.Count, StringComparer.Ordinal);
        foreach (var profileId in job.ProfileIds)
        {
            items.Add(profileId, new Item { RequestedAt = createdAt });
        }

        var sortedIds = job.ProfileIds.ToArray();
        Array.Sort(sortedIds, StringComparer.Ordinal);
        var entry = new Job(createdAt, job.ProfileIds.Count, job.Rejected, items, sortedIds, job.Owner)
        {
            FinishedAt = items.Count == 0 ? createdAt : null,
        };
        lock (_lock)
        {
            _jobs.TryAdd(job.JobId, entry);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task MarkRunningAsync(IReadOnlyCollection<EnrichmentItemKey> items, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        EnrichmentJobRules.ValidateKeys(items, nameof(items));
        cancellationToken.ThrowIfCancellationRequested();

        var startedAt = EnrichmentJobRules.Normalize(at);
        lock (_lock)
        {
            foreach (var key in items)
            {
                if (Find(key) is { Status: EnrichmentItemStatus.Queued } item)
                {
                    item.Status = EnrichmentItemStatus.Running;
                    item.StartedAt = startedAt;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ReturnToQueueAsync(IReadOnlyCollection<EnrichmentItemKey> items, CancellationToken cancellationToken = default)
    {
        EnrichmentJobRules.ValidateKeys(items, nameof(items));
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            foreach (var key in items)
            {
                if (Find(key) is { Status: EnrichmentItemStatus.Running } item)
                {
                    item.Status = EnrichmentItemStatus.Queued;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RecordOutcomesAsync(IReadOnlyCollection<EnrichmentItemOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        var reduced = EnrichmentJobRules.Reduce(outcomes, nameof(outcomes));
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            foreach (var outcome in reduced)
            {
                if (Find(new EnrichmentItemKey(outcome.JobId, outcome.ProfileId)) is { } item
                    && EnrichmentJobRules.CanRecord(item.Status, outcome.Status))
                {
                    item.Status = outcome.Status;
                    item.Reason = outcome.Reason;
                    item.FinishedAt = outcome.At;
                }
            }

            foreach (var jobId in reduced.Select(outcome => outcome.JobId).Distinct())
            {
                if (_jobs.TryGetValue(jobId, out var job) && job.FinishedAt is null
                    && !job.Items.Values.Any(item => item.Status is EnrichmentItemStatus.Queued or EnrichmentItemStatus.Running))
                {
                    job.FinishedAt = job.Items.Values.Max(item => item.FinishedAt);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> EraseProfileAsync(string profileId, string pseudonym, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        ArgumentNullException.ThrowIfNull(pseudonym);
        cancellationToken.ThrowIfCancellationRequested();

        var finishedAt = EnrichmentJobRules.Normalize(at);
        var erased = 0;
        lock (_lock)
        {
            foreach (var job in _jobs.Values)
            {
                if (!job.Items.Remove(profileId, out var item))
                {
                    continue;
                }

                erased++;
                if (item.Status is EnrichmentItemStatus.Queued or EnrichmentItemStatus.Running)
                {
                    item.Status = EnrichmentItemStatus.Failed;
                    item.Reason = EnrichmentJobRules.ErasedReason;
                    item.FinishedAt = finishedAt;
                }

                job.Items[pseudonym] = item;
                if (job.FinishedAt is null
                    && !job.Items.Values.Any(other => other.Status is EnrichmentItemStatus.Queued or EnrichmentItemStatus.Running))
                {
                    job.FinishedAt = job.Items.Values.Max(other => other.FinishedAt);
                }
            }
        }

        return Task.FromResult(erased);
    }

    /// <inheritdoc/>
    public Task<EnrichmentJobCounts?> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return Task.FromResult<EnrichmentJobCounts?>(null);
            }

            Span<int> counts = stackalloc int[5];
            DateTimeOffset? firstStartedAt = null;
            DateTimeOffset? lastFinishedAt = null;
            foreach (var item in job.Items.Values)
            {
                counts[(int)item.Status]++;
                firstStartedAt = Min(firstStartedAt, Min(item.StartedAt, item.FinishedAt));
                lastFinishedAt = Max(lastFinishedAt, item.FinishedAt);
            }

            return Task.FromResult<EnrichmentJobCounts?>(new EnrichmentJobCounts
            {
                JobId = jobId,
                CreatedAt = job.CreatedAt,
                Total = job.Total,
                Rejected = job.Rejected,
                Queued = counts[(int)EnrichmentItemStatus.Queued],
                Running = counts[(int)EnrichmentItemStatus.Running],
                Done = counts[(int)EnrichmentItemStatus.Done],
                Skipped = counts[(int)EnrichmentItemStatus.Skipped],
                Failed = counts[(int)EnrichmentItemStatus.Failed],
                FirstStartedAt = firstStartedAt,
                LastFinishedAt = lastFinishedAt,
                FinishedAt = job.FinishedAt,
                Owner = job.Owner,
            });
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EnrichmentItemState>> GetFailedItemsAsync(
        Guid jobId,
        string? afterProfileId,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return Task.FromResult<IReadOnlyList<EnrichmentItemState>>([]);
            }

            IReadOnlyList<EnrichmentItemState> page = job.Items
                .Where(pair => pair.Value.Status == EnrichmentItemStatus.Failed
                    && (afterProfileId is null || string.CompareOrdinal(pair.Key, afterProfileId) > 0))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Take(limit)
                .Select(pair => pair.Value.ToState(jobId, pair.Key))
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EnrichmentItemState>> GetSettledItemsAsync(
        Guid jobId,
        string? afterProfileId,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return Task.FromResult<IReadOnlyList<EnrichmentItemState>>([]);
            }

            var start = 0;
            if (afterProfileId is not null)
            {
                var found = Array.BinarySearch(job.SortedIds, afterProfileId, StringComparer.Ordinal);
                start = found >= 0 ? found + 1 : ~found;
            }

            var page = new List<EnrichmentItemState>(Math.Min(limit, job.SortedIds.Length - start));
            for (var i = start; i < job.SortedIds.Length && page.Count < limit; i++)
            {
                var item = job.Items[job.SortedIds[i]];
                if (item.Status is EnrichmentItemStatus.Done or EnrichmentItemStatus.Skipped or EnrichmentItemStatus.Failed)
                {
                    page.Add(item.ToState(jobId, job.SortedIds[i]));
                }
            }

            return Task.FromResult<IReadOnlyList<EnrichmentItemState>>(page);
        }
    }

    /// <inheritdoc/>
    public Task<EnrichmentItemState?> GetLatestForProfileAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            EnrichmentItemState? latest = null;
            foreach (var (jobId, job) in _jobs)
            {
                if (job.Items.TryGetValue(profileId, out var item)
                    && (latest is null
                        || item.RequestedAt > latest.RequestedAt
                        || (item.RequestedAt == latest.RequestedAt && jobId.CompareTo(latest.JobId) > 0)))
                {
                    latest = item.ToState(jobId, profileId);
                }
            }

            return Task.FromResult(latest);
        }
    }

    /// <inheritdoc/>
    public Task<int> DeleteFinishedJobsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        var normalizedCutoff = EnrichmentJobRules.Normalize(cutoff);
        lock (_lock)
        {
            var doomed = _jobs.Where(pair => pair.Value.FinishedAt < normalizedCutoff).Select(pair => pair.Key).ToList();
            foreach (var jobId in doomed)
            {
                _jobs.Remove(jobId);
            }

            return Task.FromResult(doomed.Count);
        }
    }

    private Item? Find(EnrichmentItemKey key) =>
        _jobs.TryGetValue(key.JobId, out var job) && job.Items.TryGetValue(key.ProfileId, out var item) ? item : null;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <param name="SortedIds">The item keys in ordinal order, sorted once, so that paging through a big job is not a sort per page.</param>
    private sealed record Job(DateTimeOffset CreatedAt, int Total, int Rejected, Dictionary<string, Item> Items, string[] SortedIds, string? Owner)
    {
        public DateTimeOffset? FinishedAt { get; set; }
    }

    private sealed class Item
    {
        public required DateTimeOffset RequestedAt { get; init; }

        public EnrichmentItemStatus Status { get; set; } = EnrichmentItemStatus.Queued;

        public string? Reason { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public EnrichmentItemState ToState(Guid jobId, string profileId) => new()
        {
            JobId = jobId,
            ProfileId = profileId,
            Status = Status,
            Reason = Reason,
            RequestedAt = RequestedAt,
            StartedAt = StartedAt,
            FinishedAt = FinishedAt,
        };
    }
}
