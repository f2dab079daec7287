using System.Security.Cryptography;

namespace Juicebox.Api.Tests.Contract;

/// <summary>The generated C# client (clients/Juicebox.ApiClient) was generated from the committed document, not an older one.</summary>
public sealed class ApiClientFreshnessTests
{
    private const string HashFile = "clients/Juicebox.ApiClient/Generated/openapi-document.sha256";

    [Fact]
    public void TheGeneratedClient_IsGeneratedFromTheCommittedDocument()
    {
        var document = File.ReadAllBytes(Path.Combine(RepositoryLayout.Root, ContractDocument.CommittedPath));
        var recorded = File.ReadAllText(Path.Combine(RepositoryLayout.Root, HashFile)).Trim();

        Assert.True(Convert.ToHexStringLower(SHA256.HashData(document)) == recorded,
            $"The generated client is stale: {HashFile} records a different {ContractDocument.CommittedPath}. " +
            $"Regenerate it with scripts/generate-api-client.sh (or {ContractDocument.RegenerateCommand}, which also rewrites the document).");
    }
}
