namespace Juicebox.Cluster.Tests.Persistence.TestGrains;

/// <summary>Registers reminders through the PostgreSQL reminder table.</summary>
public sealed class ReminderTestGrain : Grain, IReminderTestGrain, IRemindable
{
    private int _ticks;

    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<bool> ExistsAsync(string name) => await this.GetReminder(name) is not null;

    public async Task UnregisterAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}
