namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// The rules for changing grain interfaces and <c>[Id]</c>s (docs/operations.md, "Upgrading safely"),
/// checked against <c>Compatibility/wire-contract.txt</c>, the contract of the released version: every
/// grain method, serialized member and enum value it lists is still there, with the same types, so a
/// version running next to this one can still call it and read it. Additions are free; a removal,
/// a renumbered <c>[Id]</c>, a changed alias or a retyped member fails. Every grain interface, method
/// and serialized type has an alias.
/// </summary>
public sealed class WireContractTests
{
    [Fact]
    public void EveryGrainMethodSerializedMemberAndEnumValueOfTheReleasedContract_IsStillThere()
    {
        var released = System.IO.File.ReadAllLines(WireContract.File).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var current = WireContract.Describe().ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(released);
        var gone = released.Where(line => !current.Contains(line)).ToList();
        Assert.True(
            gone.Count == 0,
            $"Not in this build, so the released version cannot call or read it (see \"Upgrading safely\" in docs/operations.md):{Environment.NewLine}{string.Join(Environment.NewLine, gone)}");
    }

    [Fact]
    public void EveryGrainInterfaceMethodAndSerializedType_HasAnAlias()
    {
        Assert.DoesNotContain(WireContract.Describe(), line => line.Contains("(no alias)", StringComparison.Ordinal));
    }

    /// <summary>Records this build's contract as the released one; run it when a version is released, and commit the file.</summary>
    [Fact(Explicit = true)]
    public void WriteContract() =>
        System.IO.File.WriteAllLines(
            WireContract.File,
            ["# The wire contract of the released version: see WireContractTests. Written by WireContractTests.WriteContract.", .. WireContract.Describe()]);
}
