using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaoVien.OnlineReception.Realtime.Bench;

/// <summary>The real app as both realtime benches run it.</summary>
internal static class BenchApp
{
    public static ReceptionAppFactory Create(string connectionString, string dataDirectory, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        // The figures are printed by the bench; the app's start-up chatter would bury them.
        settings.TryAdd("Logging:LogLevel:Default", "Warning");
        // The benches book "today": at the real hour that fails from 23:00 in the ward (and the bench rotted unnoticed
        // in the evening). The real clock moved to 09:00 of the ward's day keeps real speed for media and timeouts.
        var clock = ShiftedTimeProvider.ToWardTime(new TimeOnly(9, 0));
        return ReceptionAppFactory.Create(connectionString, dataDirectory, settings).WithServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
    }
}
