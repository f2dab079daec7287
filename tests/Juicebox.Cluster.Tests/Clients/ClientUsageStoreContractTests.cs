using Juicebox.Grains.Clients;

namespace Juicebox.Cluster.Tests.Clients;

/// <summary>What every <see cref="IClientUsageStore"/> must do; run once per implementation, each test on a store of its own.</summary>
public abstract class ClientUsageStoreContractTests : IAsyncLifetime
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateOnly April = new(2026, 4, 1);
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private IClientUsageStore? _store;

    protected IClientUsageStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected abstract Task<IClientUsageStore> CreateStoreAsync();

    [Fact]
    public async Task Reserve_GrantsWhatTheAllowanceLeaves_ThenNothing_PerClientAndMonth()
    {
        var first = await Store.ReserveAsync("crm", March, Guid.NewGuid(), 6, 10, Now, Cancel);
        var second = await Store.ReserveAsync("crm", March, Guid.NewGuid(), 6, 10, Now, Cancel);
        var third = await Store.ReserveAsync("crm", March, Guid.NewGuid(), 1, 10, Now, Cancel);
        var otherClient = await Store.ReserveAsync("billing", March, Guid.NewGuid(), 6, 10, Now, Cancel);
        var nextMonth = await Store.ReserveAsync("crm", April, Guid.NewGuid(), 6, 10, Now, Cancel);

        Assert.Equal((6, 4, 0, 6, 6), (first, second, third, otherClient, nextMonth));
        Assert.Equal(10, await Store.GetChargedAsync("crm", March, Cancel));
        Assert.Equal(2, (await Store.GetUnsettledAsync("crm", March, Cancel)).Count);
    }

    [Fact]
    public async Task ConcurrentReservations_NeverSpendMoreThanTheAllowance()
    {
        var grants = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            Task.Run(() => Store.ReserveAsync("crm", March, Guid.NewGuid(), 3, 20, Now, Cancel), Cancel)));

        Assert.Equal(20, grants.Sum());
        Assert.Equal(20, await Store.GetChargedAsync("crm", March, Cancel));
    }

    [Fact]
    public async Task Refunds_AndReleases_GiveTheAllowanceBack_AndSettledReservationsAreLeftAlone()
    {
        var refunded = Guid.NewGuid();
        var released = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        await Store.ReserveAsync("crm", March, refunded, 5, 10, Now, Cancel);
        await Store.ReserveAsync("crm", March, released, 5, 10, Now, Cancel);
        await Store.AttachJobAsync("crm", March, refunded, jobId, Cancel);

        await Store.ReleaseAsync("crm", March, released, Cancel);
        await Store.SetChargeAsync("crm", March, refunded, 2, settled: true, Cancel);
        await Store.SetChargeAsync("crm", March, refunded, 5, settled: false, Cancel);
        var again = await Store.ReserveAsync("crm", March, Guid.NewGuid(), 10, 10, Now, Cancel);

        Assert.Equal(8, again);
        Assert.Equal(10, await Store.GetChargedAsync("crm", March, Cancel));
        var unsettled = Assert.Single(await Store.GetUnsettledAsync("crm", March, Cancel));
        Assert.Null(unsettled.JobId);
        Assert.Equal((8, 8), (unsettled.Reserved, unsettled.Charged));
    }

    [Fact]
    public async Task AReservation_IsLinkedToItsJob_AndChargedNeverMoreThanItReserved()
    {
        var reservation = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        await Store.ReserveAsync("crm", March, reservation, 4, 10, Now, Cancel);
        await Store.AttachJobAsync("crm", March, reservation, jobId, Cancel);

        await Store.SetChargeAsync("crm", March, reservation, 9, settled: false, Cancel);

        var unsettled = Assert.Single(await Store.GetUnsettledAsync("crm", March, Cancel));
        Assert.Equal((reservation, (Guid?)jobId, 4, 4), (unsettled.ReservationId, unsettled.JobId, unsettled.Reserved, unsettled.Charged));
    }
}

public sealed class InMemoryClientUsageStoreTests : ClientUsageStoreContractTests
{
    protected override Task<IClientUsageStore> CreateStoreAsync() => Task.FromResult<IClientUsageStore>(new InMemoryClientUsageStore());
}
