namespace Juicebox.Bench.Scenarios;

/// <summary>
/// Two loads compared in rounds, the first of them first in odd rounds and second in even ones: a drift
/// that lasts the whole run (a collector growing its heaps, a tier-1 recompilation, the machine) then
/// favours neither side of their ratio.
/// </summary>
public static class AlternatingRounds
{
    /// <param name="announce">Told each round's number and whether <paramref name="first"/> runs first in it.</param>
    /// <returns>Each load's results, one per round, in round order.</returns>
    public static async Task<(List<T> First, List<T> Second)> RunAsync<T>(int rounds, Func<Task<T>> first, Func<Task<T>> second, Action<int, bool> announce)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(announce);
        List<T> firsts = [];
        List<T> seconds = [];
        for (var round = 1; round <= rounds; round++)
        {
            var firstFirst = round % 2 == 1;
            announce(round, firstFirst);
            if (firstFirst)
            {
                firsts.Add(await first());
                seconds.Add(await second());
            }
            else
            {
                seconds.Add(await second());
                firsts.Add(await first());
            }
        }

        return (firsts, seconds);
    }
}
