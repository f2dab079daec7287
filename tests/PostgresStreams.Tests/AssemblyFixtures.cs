[assembly: AssemblyFixture(typeof(PostgresFixture))]
