using Juicebox.Cluster.Tests.Persistence.TestGrains;
using Npgsql;

namespace Juicebox.Cluster.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class ReminderTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task Reminder_IsStoredReadBackAndRemovedThroughTheRemindersTable()
    {
        var grain = fixture.Client.GetGrain<IReminderTestGrain>(Guid.NewGuid());
        var grainId = grain.GetGrainId().ToString();

        await grain.RegisterAsync("nightly", TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        Assert.True(await grain.ExistsAsync("nightly"), "GetReminder did not find the reminder just registered.");
        var row = await TestDatabase.SingleAsync(
            fixture.ConnectionString,
            "SELECT remindername, period, version FROM orleansreminderstable WHERE grainid = @grain",
            r => (Name: r.GetString(0), Period: r.GetInt64(1), Version: r.GetInt32(2)),
            new NpgsqlParameter("grain", grainId));
        Assert.Equal(("nightly", (long)TimeSpan.FromHours(2).TotalMilliseconds, 0), row);

        await grain.UnregisterAsync("nightly");

        Assert.False(await grain.ExistsAsync("nightly"), "GetReminder still finds the unregistered reminder.");
        Assert.Empty(await TestDatabase.QueryAsync(
            fixture.ConnectionString,
            "SELECT 1 FROM orleansreminderstable WHERE grainid = @grain",
            r => r.GetInt32(0),
            new NpgsqlParameter("grain", grainId)));
    }

    [Fact]
    public async Task Reminder_Fires()
    {
        var grain = fixture.Client.GetGrain<IReminderTestGrain>(Guid.NewGuid());

        await grain.RegisterAsync("soon", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await grain.GetTicksAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The reminder registered with a 1 s due time did not fire within 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await grain.UnregisterAsync("soon");
    }
}
