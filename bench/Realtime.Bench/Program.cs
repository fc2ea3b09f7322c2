// Realtime benchmarks. Usage:
//   DaoVien.OnlineReception.Realtime.Bench.dll lobby [clients=1000] [admissions=clients]
//   DaoVien.OnlineReception.Realtime.Bench.dll join [joins=20]      (inside the WebRTC network namespace: bench/run-in-netns.sh)
//   DaoVien.OnlineReception.Realtime.Bench.dll disturb [cycles=10]  (likewise)
//   either with --smoke instead of the sizes: a few seconds, same code path (scripts/run-bench-smoke.sh).
using DaoVien.OnlineReception.Realtime.Bench;
using DaoVien.OnlineReception.Testing;

// A console app has no test-assembly content-root attribute: point the factory at src/Web.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DAOVIEN_ONLINERECEPTION_WEB", RepositoryPaths.WebContentRoot);
switch (args.FirstOrDefault())
{
    case "lobby":
        await LobbyBench.RunAsync(args[1..]);
        break;
    case "join":
        await JoinBench.RunAsync(args[1..]);
        break;
    case "disturb":
        await DisturbanceBench.RunAsync(args[1..]);
        break;
    default:
        Console.Error.WriteLine("usage: Realtime.Bench lobby [clients] [admissions] | join [joins] | disturb [cycles] (or --smoke instead of the sizes)");
        Environment.ExitCode = 2;
        break;
}
