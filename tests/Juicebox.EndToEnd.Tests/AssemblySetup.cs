using Xunit.Sdk;
using Xunit.v3;

// One private PostgreSQL for the assembly; every topology gets its own database on it.
[assembly: AssemblyFixture(typeof(PostgresFixture))]

// Each test runs a whole cluster of processes: one at a time, so failover timings mean something on a small machine.
[assembly: Parallelization(Mode = ParallelMode.None)]
