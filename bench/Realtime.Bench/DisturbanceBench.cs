using System.Globalization;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Realtime.Bench;

// Disturbance: a citizen and the chairman are talking through Janus; an invited official joins (opens the console and
// clicks "join") and leaves (closes the page) N times. Both existing participants' pages sample what they decode from
// the other every ~10 ms; the figure is the longest gap between two increases of the decoded-frame counter (across a
// rebuilt subscription too: a new RTCPeerConnection counts from zero). The baseline, same run and same sampler: the
// longest gap over an undisturbed stretch of the same length before the official first comes.
// Needs the WebRTC network namespace: bench/run-in-netns.sh.
internal static class DisturbanceBench
{
    public static async Task RunAsync(string[] args)
    {
        var cycles = args.Contains("--smoke") ? 2 : args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var app = BenchApp.Create(await postgres.CreateDatabaseAsync("disturbbench"), Path.Combine(postgres.RootDirectory, "disturb-app"),
            new Dictionary<string, string?> { ["Media:Janus:IceEnforceList"] = JanusServer.IceInterface });
        var baseAddress = app.StartOnSocket();
        var chairmanId = await app.CreateStaffAsync("chutich", "Chairman-pass-1", "Chủ Tịch", "Chairman");
        var officialId = await app.CreateStaffAsync("canbo", "Official-pass-1", "Cán Bộ", "Staff");
        var bookings = new ReceptionBookings(app.Services);
        var day = await bookings.OpenDayAsync(chairmanId, capacity: 1);
        var citizen = await bookings.BookAsync(day, 0, "Công dân");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LobbyDoor>().SweepAsync(CancellationToken.None);
        }

        var browser = new BrowserFixture();
        await browser.InitializeAsync();
        try
        {
            await using var citizenContext = await browser.NewContextAsync(baseAddress, phone: true);
            await using var chairmanContext = await browser.NewContextAsync(baseAddress);
            citizenContext.SetDefaultTimeout(60_000);
            chairmanContext.SetDefaultTimeout(60_000);
            var citizenPage = await citizenContext.NewPageAsync();
            await citizenPage.GotoAsync(citizen.JoinPath);
            await citizenPage.GetByTestId("device-ok").ClickAsync();
            await Assertions.Expect(citizenPage.GetByTestId("lobby-position")).ToHaveTextAsync("1");
            var chairman = await chairmanContext.NewPageAsync();
            await chairman.SignInAsync("chutich", "Chairman-pass-1");
            await chairman.GotoAsync("/Console");
            await chairman.GetByTestId("admit-next").ClickAsync();
            var citizenId = (await FrameGapProbe.WaitDecodingAsync(chairman, 1))[0];
            var chairmanParticipant = (await FrameGapProbe.WaitDecodingAsync(citizenPage, 1))[0];
            await chairman.GetByTestId("invite-select").SelectOptionAsync(officialId.ToString());
            await chairman.GetByTestId("invite-submit").ClickAsync();

            // Baseline: the same sampler over an undisturbed stretch (about as long as the disturbed one will be).
            await using var officialContext = await browser.NewContextAsync(baseAddress);
            officialContext.SetDefaultTimeout(60_000);
            var signIn = await officialContext.NewPageAsync();
            await signIn.SignInAsync("canbo", "Official-pass-1");
            await signIn.CloseAsync();
            var cycleMs = new List<double>();
            var stretch = TimeSpan.FromSeconds(Math.Max(3, cycles * 3));
            await StartAsync(citizenPage, chairmanParticipant, chairman, citizenId);
            await Task.Delay(stretch);
            var (baseCitizen, baseChairman) = (await FrameGapProbe.ReadAsync(citizenPage), await FrameGapProbe.ReadAsync(chairman));

            await StartAsync(citizenPage, chairmanParticipant, chairman, citizenId);
            for (var i = 0; i < cycles; i++)
            {
                var started = Environment.TickCount64;
                var official = await officialContext.NewPageAsync();
                await official.GotoAsync("/Console");
                await official.GetByTestId("join-invited").ClickAsync();
                await FrameGapProbe.WaitDecodingAsync(official, 2);
                await FrameGapProbe.WaitDecodingAsync(citizenPage, 2);
                await official.CloseAsync();
                // Gone when the others' pages know the official's connection closed.
                await citizenPage.WaitForFunctionAsync("() => window.Reception.state.participants.filter((p) => p.connected).length === 2");
                cycleMs.Add(Environment.TickCount64 - started);
            }

            var (gapCitizen, gapChairman) = (await FrameGapProbe.ReadAsync(citizenPage), await FrameGapProbe.ReadAsync(chairman));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"undisturbed ({baseCitizen.DurationMs / 1000:0} s): longest frame gap at the citizen (chairman's video) {baseCitizen.LongestGapMs:0} ms, at the chairman (citizen's video) {baseChairman.LongestGapMs:0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"official joined and left {cycles}× ({gapCitizen.DurationMs / 1000:0} s, a cycle p50 {cycleMs.Order().ElementAt(cycleMs.Count / 2):0} ms): longest frame gap at the citizen {gapCitizen.LongestGapMs:0} ms, at the chairman {gapChairman.LongestGapMs:0} ms (goal ≤ 200 ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gaps over 150 ms: undisturbed {baseCitizen.GapsOver150Ms} + {baseChairman.GapsOver150Ms}, disturbed {gapCitizen.GapsOver150Ms} + {gapChairman.GapsOver150Ms}; subscriptions rebuilt while disturbed: citizen {gapCitizen.Rebuilt}, chairman {gapChairman.Rebuilt}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"receiver-counted freezes (WebRTC stats): undisturbed {baseCitizen.Freezes:0} ({baseCitizen.FreezeMs:0} ms) + {baseChairman.Freezes:0} ({baseChairman.FreezeMs:0} ms), disturbed {gapCitizen.Freezes:0} ({gapCitizen.FreezeMs:0} ms) + {gapChairman.Freezes:0} ({gapChairman.FreezeMs:0} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"samples: citizen {gapCitizen.Samples}, chairman {gapChairman.Samples} (one per ~{gapCitizen.DurationMs / Math.Max(1, gapCitizen.Samples):0} ms)"));
        }
        finally
        {
            await browser.DisposeAsync();
            await app.DisposeAsync(); // before its database goes
            await postgres.DisposeAsync();
        }
    }

    private static async Task StartAsync(IPage citizen, string chairmanParticipant, IPage chairman, string citizenParticipant)
    {
        await FrameGapProbe.StartAsync(citizen, chairmanParticipant);
        await FrameGapProbe.StartAsync(chairman, citizenParticipant);
    }
}
