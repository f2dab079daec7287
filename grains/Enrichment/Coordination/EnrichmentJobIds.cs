namespace Juicebox.Grains.Enrichment.Coordination;

/// <summary>Splits a job's ids into the distinct valid ones, in order, and the rejected rest with reasons.</summary>
internal static class EnrichmentJobIds
{
    /// <summary>Why an id on the suppression list is not taken.</summary>
    public const string ErasedReason = "Erased: this profile was erased on request and is suppressed; it is not collected again.";

    public static (List<string> Accepted, List<RejectedProfileId> Rejected) Sort(IReadOnlyList<string> profileIds)
    {
        List<string> accepted = [];
        List<RejectedProfileId> rejected = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in profileIds)
        {
            if (!ProfileKey.IsValidId(id))
            {
                rejected.Add(new RejectedProfileId(id ?? string.Empty, $"Not a profile id: 1 to {ProfileKey.MaxIdLength} letters, digits, '_', '-' or '.'."));
            }
            else if (!seen.Add(id))
            {
                rejected.Add(new RejectedProfileId(id, "Repeated: the id is already in this job."));
            }
            else
            {
                accepted.Add(id);
            }
        }

        return (accepted, rejected);
    }
}
