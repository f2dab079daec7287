namespace PostgresStreams.Bench;

/// <summary>The benchmark's shape, from <c>--name value</c> arguments.</summary>
internal sealed record BenchOptions(int Messages, int Streams, int Producers, int Queues)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, int> { ["messages"] = 20_000, ["streams"] = 500, ["producers"] = 64, ["queues"] = 8 };
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (!values.ContainsKey(name) || i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value < 1)
            {
                throw new ArgumentException($"Usage: [--messages N] [--streams N] [--producers N] [--queues N] (positive integers); '{args[i]}' is not one.");
            }

            values[name] = value;
        }

        return new BenchOptions(values["messages"], values["streams"], values["producers"], values["queues"]);
    }
}
