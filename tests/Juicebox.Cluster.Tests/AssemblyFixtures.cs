using Juicebox.Testing;

// One private PostgreSQL server for the whole assembly; each test creates its own database on it.
[assembly: AssemblyFixture(typeof(PostgresFixture))]
