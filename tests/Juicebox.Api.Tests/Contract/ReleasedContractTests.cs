using System.Text.Json.Nodes;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// The committed document against the last released one (<c>docs/openapi/v1.released.json</c>): a
/// change that breaks clients written against the release needs a higher API version.
/// </summary>
public sealed class ReleasedContractTests
{
    public const string ReleasedPath = "docs/openapi/v1.released.json";

    [Fact]
    public void TheCommittedDocument_BreaksNoClientOfTheRelease_UnlessTheVersionIsRaised()
    {
        var released = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, ReleasedPath)))!.AsObject();
        var current = ContractDocument.Committed.Root;

        var changes = BreakingChanges.Find(released, current);
        var releasedVersion = Version.Parse(released["info"]!["version"]!.GetValue<string>());
        var currentVersion = Version.Parse(current["info"]!["version"]!.GetValue<string>());

        Assert.True(changes.Count == 0 || currentVersion.Major > releasedVersion.Major,
            $"{ContractDocument.CommittedPath} breaks clients of the released API {releasedVersion} ({ReleasedPath}) without a new major version " +
            $"(ApiDocument.Version is {currentVersion}). Keep the old behaviour, or raise the version and release:{Environment.NewLine}  " +
            string.Join(Environment.NewLine + "  ", changes));
    }
}
