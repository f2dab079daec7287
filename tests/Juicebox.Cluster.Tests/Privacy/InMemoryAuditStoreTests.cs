using Juicebox.GrainInterfaces.Privacy;
using Juicebox.Grains.Privacy;

namespace Juicebox.Cluster.Tests.Privacy;

/// <summary>Embedded mode's audit log renames an erased person's rows and forgets old rows, whatever order they came in.</summary>
public sealed class InMemoryAuditStoreTests
{
    private static readonly DateTimeOffset _now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pseudonymize_RenamesEveryRowNamingTheProfile_AndNoOther()
    {
        var store = new InMemoryAuditStore();
        await store.AppendAsync([Row("jb_a", _now), Row("jb_b", _now), Row("jb_a", _now), Row(null, _now)], TestContext.Current.CancellationToken);

        var renamed = await store.PseudonymizeAsync("jb_a", "erased-0123456789abcdef", TestContext.Current.CancellationToken);

        var rows = await store.ReadAsync(null, 10, TestContext.Current.CancellationToken);
        Assert.Equal(2, renamed);
        Assert.Equal(["erased-0123456789abcdef", "jb_b", "erased-0123456789abcdef", null], rows.Select(row => row.ProfileId));
    }

    [Fact]
    public async Task DeleteBefore_RemovesRowsOlderThanTheCutoff_InAnyOrder_AtMostTheLimit()
    {
        var store = new InMemoryAuditStore();
        await store.AppendAsync(
            [Row("jb_new", _now), Row("jb_old1", _now.AddDays(-400)), Row("jb_old2", _now.AddDays(-500)), Row("jb_old3", _now.AddDays(-366))],
            TestContext.Current.CancellationToken);

        var first = await store.DeleteBeforeAsync(_now.AddDays(-365), limit: 2, TestContext.Current.CancellationToken);
        var second = await store.DeleteBeforeAsync(_now.AddDays(-365), limit: 2, TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (first, second));
        Assert.Equal(["jb_new"], (await store.ReadAsync(null, 10, TestContext.Current.CancellationToken)).Select(row => row.ProfileId));
    }

    private static AuditEntry Row(string? profileId, DateTimeOffset at) =>
        new() { At = at, Client = "test", Action = AuditActions.ContactRead, ProfileId = profileId };
}
