using Microsoft.Extensions.Compliance.Classification;

namespace Juicebox.Client.Compliance;

/// <summary>The data classes of the Juicebox client, for hosts that turn on log redaction.</summary>
public static class JuiceboxDataClassification
{
    public const string TaxonomyName = "Juicebox";

    /// <summary>Credentials: never logged, never shown, whatever the redaction settings.</summary>
    public static DataClassification Secret { get; } = new(TaxonomyName, nameof(Secret));
}

/// <summary>Marks a member that holds a credential (<see cref="JuiceboxDataClassification.Secret"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class SecretDataAttribute() : DataClassificationAttribute(JuiceboxDataClassification.Secret);
