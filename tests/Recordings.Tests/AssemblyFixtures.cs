using DaoVien.OnlineReception.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
