using Juicebox.Grains.Enrichment.Jobs;
using PostgresStreams;

namespace Juicebox.Grains.Enrichment.Workers;

/// <summary>
/// The work one enrichment worker holds: the stream messages it has not acknowledged yet and the
/// distinct profiles they ask for, in arrival order. A profile asked for by several messages (or
/// jobs) is enriched once and answers all of them. Not thread-safe: the worker's activation owns it.
/// </summary>
internal sealed class EnrichmentBacklog
{
    private readonly Dictionary<long, HeldMessage> _messages = [];
    private readonly Dictionary<string, PendingProfile> _profiles = new(StringComparer.Ordinal);
    private readonly LinkedList<PendingProfile> _waiting = new();
    private long _nextLocalKey = -1;

    /// <summary>Profiles held, in flight or waiting.</summary>
    public int ProfileCount => _profiles.Count;

    public int MessageCount => _messages.Count;

    /// <summary>True when some profile waits to be taken.</summary>
    public bool HasWaiting => _waiting.Count > 0;

    /// <summary>A redelivery of a message already held: keeps its newer receipt and returns true.</summary>
    public bool TryRenew(PostgresQueueReceipt receipt)
    {
        if (!_messages.TryGetValue(receipt.MessageId, out var held))
        {
            return false;
        }

        held.Receipt = receipt;
        return true;
    }

    /// <summary>Holds a request; <paramref name="receipt"/> is null for streams that need no acknowledgement.</summary>
    public void Add(EnrichmentRequest request, PostgresQueueReceipt? receipt)
    {
        var message = new HeldMessage(receipt?.MessageId ?? _nextLocalKey--, request.JobId, request.RequestedAt, receipt);
        foreach (var profileId in request.ProfileIds.Distinct(StringComparer.Ordinal))
        {
            if (!_profiles.TryGetValue(profileId, out var profile))
            {
                profile = new PendingProfile(profileId);
                _profiles.Add(profileId, profile);
                profile.Node = _waiting.AddLast(profile);
            }

            profile.Requesters.Add(message);
            message.Unresolved.Add(profileId);
        }

        if (message.Unresolved.Count > 0)
        {
            _messages[message.Key] = message;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> waiting profiles, oldest first; they are in flight until resolved or returned.</summary>
    public IReadOnlyList<string> Take(int max)
    {
        List<string> taken = [];
        while (taken.Count < max && _waiting.First is { } node)
        {
            _waiting.RemoveFirst();
            node.Value.Node = null;
            taken.Add(node.Value.Id);
        }

        return taken;
    }

    /// <summary>In-flight profiles go back to the front of the line, in their order.</summary>
    public void Return(IReadOnlyList<string> profileIds)
    {
        for (var i = profileIds.Count - 1; i >= 0; i--)
        {
            if (_profiles.TryGetValue(profileIds[i], out var profile) && profile.Node is null)
            {
                profile.Node = _waiting.AddFirst(profile);
            }
        }
    }

    /// <summary>Keeps an enrichment that was paid for but not stored, with its profile, until the profile is settled.</summary>
    public void KeepPaidFor(string profileId, ProfileData enrichment)
    {
        if (_profiles.TryGetValue(profileId, out var profile))
        {
            profile.PaidFor = enrichment;
        }
    }

    /// <summary>The enrichment <see cref="KeepPaidFor"/> kept for a held profile, if any.</summary>
    public ProfileData? PaidFor(string profileId) => _profiles.TryGetValue(profileId, out var profile) ? profile.PaidFor : null;

    /// <summary>The job items a profile answers: one per distinct job that asked for it.</summary>
    public IEnumerable<EnrichmentItemKey> ItemsOf(IEnumerable<string> profileIds) =>
        profileIds
            .Where(_profiles.ContainsKey)
            .SelectMany(id => _profiles[id].Requesters.Select(message => new EnrichmentItemKey(message.JobId, id)))
            .Distinct();

    /// <summary>The held messages that ask for any of the profiles.</summary>
    public IReadOnlyList<HeldMessage> MessagesOf(IEnumerable<string> profileIds) =>
        [.. profileIds.Where(_profiles.ContainsKey).SelectMany(id => _profiles[id].Requesters).Distinct()];

    /// <summary>
    /// Settles a profile for every job that asked for it; adds the outcomes and any message now fully
    /// settled (ready to acknowledge) to <paramref name="settlement"/>.
    /// </summary>
    public void Resolve(string profileId, EnrichmentItemStatus status, string? reason, DateTimeOffset at, Settlement settlement) =>
        Resolve(profileId, _ => status, reason, at, settlement);

    /// <summary>
    /// Settles a profile its grain says was enriched at <paramref name="enrichedAt"/>, within its freshness:
    /// Done for every job that asked before then (the enrichment was paid for and stored for it, and
    /// only its outcome was lost, as when a silo dies in between), Skipped for those that asked later.
    /// </summary>
    public void ResolveEnriched(string profileId, DateTimeOffset enrichedAt, DateTimeOffset at, Settlement settlement) =>
        Resolve(
            profileId,
            message => enrichedAt > message.RequestedAt ? EnrichmentItemStatus.Done : EnrichmentItemStatus.Skipped,
            reason: null,
            at,
            settlement);

    private void Resolve(string profileId, Func<HeldMessage, EnrichmentItemStatus> statusOf, string? reason, DateTimeOffset at, Settlement settlement)
    {
        if (!_profiles.Remove(profileId, out var profile))
        {
            return;
        }

        if (profile.Node is not null)
        {
            _waiting.Remove(profile.Node);
        }

        foreach (var message in profile.Requesters.Distinct())
        {
            settlement.Outcomes.Add(new EnrichmentItemOutcome(message.JobId, profileId, statusOf(message), reason, at));
            message.Unresolved.Remove(profileId);
            if (message.Unresolved.Count == 0 && _messages.Remove(message.Key))
            {
                settlement.Completed.Add(message);
            }
        }
    }

    /// <summary>
    /// Gives up a message: its profiles fail for its job (they stay held for other messages that ask
    /// for them) and the message is added to <see cref="Settlement.GivenUp"/>.
    /// </summary>
    public void GiveUp(HeldMessage message, string reason, DateTimeOffset at, Settlement settlement)
    {
        if (!_messages.Remove(message.Key))
        {
            return;
        }

        foreach (var profileId in message.Unresolved)
        {
            settlement.Outcomes.Add(new EnrichmentItemOutcome(message.JobId, profileId, EnrichmentItemStatus.Failed, reason, at));
            if (_profiles.TryGetValue(profileId, out var profile))
            {
                profile.Requesters.RemoveAll(requester => requester == message);
                if (profile.Requesters.Count == 0)
                {
                    _profiles.Remove(profileId);
                    if (profile.Node is not null)
                    {
                        _waiting.Remove(profile.Node);
                    }
                }
            }
        }

        message.Unresolved.Clear();
        settlement.GivenUp.Add(message);
    }

    /// <summary>The receipts of every held message that has one (to renew or defer their leases).</summary>
    public IReadOnlyList<PostgresQueueReceipt> Receipts() =>
        [.. _messages.Values.Where(message => message.Receipt is not null).Select(message => message.Receipt!)];

    /// <summary>Drops every message that has a receipt (their leases were deferred) and the profiles only they asked for.</summary>
    public void DropLeased()
    {
        foreach (var message in _messages.Values.Where(message => message.Receipt is not null).ToList())
        {
            _messages.Remove(message.Key);
            foreach (var profileId in message.Unresolved)
            {
                if (_profiles.TryGetValue(profileId, out var profile))
                {
                    profile.Requesters.RemoveAll(requester => requester == message);
                    if (profile.Requesters.Count == 0)
                    {
                        _profiles.Remove(profileId);
                        if (profile.Node is not null)
                        {
                            _waiting.Remove(profile.Node);
                        }
                    }
                }
            }
        }
    }

    /// <summary>One stream message the worker holds.</summary>
    internal sealed class HeldMessage(long key, Guid jobId, DateTimeOffset requestedAt, PostgresQueueReceipt? receipt)
    {
        public long Key { get; } = key;

        public Guid JobId { get; } = jobId;

        /// <summary>When the job asked; an enrichment stored later was made for it.</summary>
        public DateTimeOffset RequestedAt { get; } = requestedAt;

        /// <summary>The latest receipt; null for a stream that needs no acknowledgement.</summary>
        public PostgresQueueReceipt? Receipt { get; set; } = receipt;

        public HashSet<string> Unresolved { get; } = new(StringComparer.Ordinal);

        /// <summary>Failed upstream calls made for this message's profiles that counted as attempts.</summary>
        public int Failures { get; set; }

        /// <summary>When an upstream outage first failed this message's profiles; null until one did.</summary>
        public DateTimeOffset? FirstOutageAt { get; set; }
    }

    /// <summary>What settling some profiles produced: job outcomes to record, messages to acknowledge or dead-letter.</summary>
    internal sealed class Settlement
    {
        public List<EnrichmentItemOutcome> Outcomes { get; } = [];

        public List<HeldMessage> Completed { get; } = [];

        public List<HeldMessage> GivenUp { get; } = [];

        public bool IsEmpty => Outcomes.Count == 0 && Completed.Count == 0 && GivenUp.Count == 0;
    }

    private sealed class PendingProfile(string id)
    {
        public string Id { get; } = id;

        public List<HeldMessage> Requesters { get; } = [];

        /// <summary>Its place in the waiting line; null while in flight.</summary>
        public LinkedListNode<PendingProfile>? Node { get; set; }

        /// <summary>An enrichment paid for and not stored yet: storing it needs no upstream call.</summary>
        public ProfileData? PaidFor { get; set; }
    }
}
