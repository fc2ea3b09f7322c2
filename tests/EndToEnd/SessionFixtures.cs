using DaoVien.OnlineReception.Testing;

// One Janus for every session test of this assembly (the app under test is pointed at it by URL).
[assembly: AssemblyFixture(typeof(JanusServer))]
