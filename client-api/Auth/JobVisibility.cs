using System.Security.Claims;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// Who may read an enrichment job: the client that submitted it, and operators. The <c>Api:Keys</c> and
/// <c>Api:OperatorKeys</c> shorthand keys are one owner between them, so a rotated shorthand key still
/// reads the jobs of the key it replaced. A job without an owner (submitted by an older client-api) is
/// readable by any client that may enrich. Any other job answers 404, as a job that does not exist.
/// </summary>
public static class JobVisibility
{
    /// <summary>The owner recorded for the jobs of every shorthand key; with a space, which no client's name can hold.</summary>
    public const string ShorthandOwner = "shorthand keys";

    /// <summary>The owner the caller's jobs are stored under, or null for an anonymous caller.</summary>
    public static string? OwnerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name switch
        {
            null or "" => null,
            var name when name.StartsWith(ApiClientDefinition.ShorthandCallerPrefix, StringComparison.Ordinal)
                || name.StartsWith(ApiClientDefinition.ShorthandOperatorPrefix, StringComparison.Ordinal) => ShorthandOwner,
            var name => name,
        };
    }

    public static bool MayRead(ClaimsPrincipal user, EnrichmentJobProgress job)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(job);
        return job.Owner is null || user.HasScope(ApiScopes.Operator) || string.Equals(job.Owner, OwnerOf(user), StringComparison.Ordinal);
    }
}
