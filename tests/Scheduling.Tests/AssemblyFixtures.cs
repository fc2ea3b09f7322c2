using DaoVien.OnlineReception.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
