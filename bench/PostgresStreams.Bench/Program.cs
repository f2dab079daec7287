using Juicebox.Testing;
using Npgsql;
using PostgresStreams;
using PostgresStreams.Bench;

// Enqueue, then delivery throughput of the provider, on a private PostgreSQL server. Not a test:
// the figures depend on the machine and on what else runs on it.
var options = BenchOptions.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

await using var server = await PostgresServer.StartAsync(cancellation.Token);
var connectionString = await server.CreateDatabaseAsync();
await using (var dataSource = NpgsqlDataSource.Create(connectionString))
{
    await PostgresStreamSchema.CreateAsync(dataSource, cancellationToken: cancellation.Token);
}

Console.WriteLine($"PostgresStreams benchmark: {options.Messages} messages on {options.Streams} streams, {options.Producers} producers, {options.Queues} queues, {Environment.ProcessorCount} cores");
var enqueue = await EnqueueBench.RunAsync(connectionString, Program.ProviderName, options, cancellation.Token);
Console.WriteLine($"enqueue:  {enqueue,8:N0} messages/s (each committed before the producer's next)");
var delivery = await DeliveryBench.RunAsync(connectionString, Program.ProviderName, options, cancellation.Token);
Console.WriteLine($"delivery: {delivery,8:N0} messages/s (one silo: dequeue, deliver to an implicit subscriber, acknowledge)");

internal static partial class Program
{
    public const string ProviderName = "bench";
}
