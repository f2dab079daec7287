using Juicebox.Testing;
using Xunit.v3;

// One private PostgreSQL server for the whole assembly; each test creates its own database on it.
[assembly: AssemblyFixture(typeof(PostgresFixture))]

// Three collections at a time, the waiting ones first: the drain at a plan's limit and the two-silo pacing
// test spend a minute and more waiting on a rate limit with the CPU idle, so they run beside the rest
// instead of after it. Each collection keeps its own cluster and database, so nothing is shared.
[assembly: Parallelization(MaxThreads = 3)]
[assembly: TestCollectionOrderer(typeof(WaitingCollectionsFirst))]
