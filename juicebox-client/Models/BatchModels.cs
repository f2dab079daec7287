namespace Juicebox.Client.Models;

/// <summary>The answer of <c>POST /profiles/batch</c>.</summary>
public sealed record ProfileBatch
{
    public IReadOnlyList<Profile> Profiles { get; init; } = [];
    public IReadOnlyList<string> NotFound { get; init; } = [];
}

/// <summary>The answer of <c>POST /enrich/batch</c>.</summary>
public sealed record EnrichedProfileBatch
{
    public IReadOnlyList<EnrichedProfile> Profiles { get; init; } = [];
    public IReadOnlyList<string> NotFound { get; init; } = [];
}

/// <summary>The body of <c>POST /enrich</c>: exactly one of the two is set.</summary>
public sealed record EnrichRequest
{
    public string? ProfileId { get; init; }
    public string? LinkedinUrl { get; init; }

    public static EnrichRequest ForProfile(string profileId) => new() { ProfileId = profileId };

    public static EnrichRequest ForLinkedinUrl(string linkedinUrl) => new() { LinkedinUrl = linkedinUrl };
}
