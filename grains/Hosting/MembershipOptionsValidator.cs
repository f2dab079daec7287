using Orleans.Configuration;

namespace Juicebox.Grains.Hosting;

/// <summary>Checks the failure-detection settings a deployment is most likely to change.</summary>
internal sealed class MembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        List<string> failures = [];
        RequirePositive(options.ProbeTimeout, nameof(options.ProbeTimeout), failures);
        RequirePositive(options.IAmAliveTablePublishTimeout, nameof(options.IAmAliveTablePublishTimeout), failures);
        RequirePositive(options.TableRefreshTimeout, nameof(options.TableRefreshTimeout), failures);
        if (options.NumMissedProbesLimit < 1)
        {
            failures.Add(Describe(nameof(options.NumMissedProbesLimit), $"must be at least 1, got {options.NumMissedProbesLimit}", "3"));
        }

        if (options.NumVotesForDeathDeclaration < 1 || options.NumVotesForDeathDeclaration > options.NumProbedSilos)
        {
            failures.Add(Describe(
                nameof(options.NumVotesForDeathDeclaration),
                $"must be from 1 to NumProbedSilos ({options.NumProbedSilos}), got {options.NumVotesForDeathDeclaration}",
                "2"));
        }

        // A vote must outlive the probes that lead to the next silo's vote, or no death is ever declared.
        var detection = options.ProbeTimeout * options.NumMissedProbesLimit;
        if (options.NumMissedProbesLimit >= 1 && options.DeathVoteExpirationTimeout <= detection)
        {
            failures.Add(Describe(
                nameof(options.DeathVoteExpirationTimeout),
                $"must be longer than ProbeTimeout x NumMissedProbesLimit ({detection:c}), got {options.DeathVoteExpirationTimeout:c}",
                "00:00:30"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(setting, $"must be greater than zero, got {value:c}", "00:00:02"));
        }
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{JuiceboxMembershipDefaults.SectionName}:{setting} {problem} (set Orleans__Membership__{setting}, e.g. {example}).";
}
