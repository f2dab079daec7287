namespace Juicebox.Grains.Enrichment.Jobs;

/// <summary>
/// The argument checks and status transitions both job stores share, so that PostgreSQL and memory
/// cannot disagree about what a write does.
/// </summary>
internal static class EnrichmentJobRules
{
    /// <summary>The reason of an item whose profile was erased before it was enriched.</summary>
    public const string ErasedReason = "erased";

    /// <summary>Throws unless every profile id of the draft is a valid, distinct profile id.</summary>
    public static void ValidateDraft(EnrichmentJobDraft job)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(job.ProfileIds, nameof(job));
        ArgumentOutOfRangeException.ThrowIfNegative(job.Rejected, nameof(job));

        var seen = new HashSet<string>(job.ProfileIds.Count, StringComparer.Ordinal);
        var index = 0;
        foreach (var profileId in job.ProfileIds)
        {
            if (!ProfileKey.IsValidId(profileId))
            {
                // Not echoed: whatever a caller typed there may be personal data.
                throw new ArgumentException($"Profile id #{index} of job {job.JobId} is not a valid Juicebox profile id.", nameof(job));
            }

            index++;

            if (!seen.Add(profileId))
            {
                throw new ArgumentException($"Profile id '{profileId}' occurs more than once in job {job.JobId}.", nameof(job));
            }
        }
    }

    public static void ValidateKeys(IReadOnlyCollection<EnrichmentItemKey> items, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        foreach (var item in items)
        {
            if (item.ProfileId is null)
            {
                throw new ArgumentException("An item key has no profile id.", parameterName);
            }
        }
    }

    /// <summary>
    /// Checks the outcomes and folds repeated outcomes for the same item into one, in the order
    /// given, so that applying the result once equals applying every outcome in turn. Reasons are
    /// kept only for Failed; times are truncated to what PostgreSQL stores.
    /// </summary>
    public static List<EnrichmentItemOutcome> Reduce(IReadOnlyCollection<EnrichmentItemOutcome> outcomes, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(outcomes, parameterName);

        var reduced = new Dictionary<EnrichmentItemKey, EnrichmentItemOutcome>(outcomes.Count);
        var order = new List<EnrichmentItemKey>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (outcome is null || outcome.ProfileId is null)
            {
                throw new ArgumentException("An outcome is null or has no profile id.", parameterName);
            }

            if (outcome.Status is not (EnrichmentItemStatus.Done or EnrichmentItemStatus.Skipped or EnrichmentItemStatus.Failed))
            {
                throw new ArgumentException(
                    $"Outcome {outcome.Status} of profile '{outcome.ProfileId}' is not Done, Skipped or Failed.", parameterName);
            }

            var normalized = outcome with
            {
                Reason = outcome.Status == EnrichmentItemStatus.Failed ? outcome.Reason : null,
                At = Normalize(outcome.At),
            };
            var key = new EnrichmentItemKey(outcome.JobId, outcome.ProfileId);
            if (!reduced.TryGetValue(key, out var earlier))
            {
                reduced.Add(key, normalized);
                order.Add(key);
            }
            else if (CanRecord(earlier.Status, normalized.Status))
            {
                reduced[key] = normalized;
            }
        }

        return order.ConvertAll(key => reduced[key]);
    }

    /// <summary>
    /// Whether an item in <paramref name="current"/> takes the outcome <paramref name="next"/>:
    /// unfinished items take any outcome, Skipped and Failed items only Done, Done items nothing.
    /// </summary>
    public static bool CanRecord(EnrichmentItemStatus current, EnrichmentItemStatus next) => current switch
    {
        EnrichmentItemStatus.Queued or EnrichmentItemStatus.Running => true,
        EnrichmentItemStatus.Skipped or EnrichmentItemStatus.Failed => next == EnrichmentItemStatus.Done,
        _ => false,
    };

    /// <summary>UTC, whole microseconds: what a PostgreSQL <c>timestamptz</c> gives back.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
