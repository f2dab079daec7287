using System.Globalization;

namespace Juicebox.Testing.Fuzzing;

/// <summary>
/// The seed and size of a fuzz run: <c>JUICEBOX_FUZZ_SEED</c> replays a run (a new random seed
/// otherwise, printed by the run), <c>JUICEBOX_FUZZ_REQUESTS</c> changes how many requests it sends.
/// </summary>
public sealed record FuzzSettings(int Seed, int Requests)
{
    public const string SeedVariable = "JUICEBOX_FUZZ_SEED";
    public const string RequestsVariable = "JUICEBOX_FUZZ_REQUESTS";

    public static FuzzSettings FromEnvironment(int defaultRequests) => new(
        ReadInt(SeedVariable) ?? Random.Shared.Next(),
        ReadInt(RequestsVariable) ?? defaultRequests);

    private static int? ReadInt(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new InvalidOperationException($"{variable} must be a whole number; got '{value}'.")
            : null;
}
