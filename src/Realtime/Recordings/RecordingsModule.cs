using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Integrity;
using DaoVien.OnlineReception.Realtime.Recordings.Linking;
using DaoVien.OnlineReception.Realtime.Recordings.Live;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Playback;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DaoVien.OnlineReception.Realtime.Recordings;

/// <summary>Registration of the recordings feature; called from <see cref="RealtimeModule"/>.</summary>
internal static class RecordingsModule
{
    public static void AddRecordings(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<RecordingsDbContext>(o => o.UseNpgsql(
            builder.Configuration.GetConnectionString(KernelModule.ConnectionStringName),
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", RecordingsDbContext.Schema)));
        services.AddSingleton<RecordingPaths>();
        services.AddSingleton<JanusPpRec>();
        services.AddSingleton<CompositeBuilder>();
        services.AddSingleton<ArchiveQueueSignal>();
        services.AddScoped<ArchiveBuilder>();
        services.AddScoped<ArchiveQueue>();
        services.AddScoped<IRecordingArchiver>(sp => sp.GetRequiredService<ArchiveQueue>());
        services.AddScoped<IRecordingConsent, RecordingConsentService>();
        services.AddScoped<IRecordingControl, RecordingControl>();
        services.AddScoped<IRecordingStorage, RecordingStorage>();
        services.AddScoped<LiveRecording>();
        services.AddScoped<IArchiveCaseLinks, ArchiveCaseLinks>();
        services.AddScoped<ArchiveAccessLog>();
        services.AddScoped<IntegrityVerifier>();
        services.AddHostedService<ArchiveWorker>();

        // Live sessions: their rooms record, pause/resume switches Janus, the end (or a crash) queues the archive.
        services.AddSingleton<IRoomRecordingPolicy, SessionRecordingPolicy>();
        services.AddSingleton<IRecordingSwitch>(sp => sp.GetRequiredService<SessionMedia>());
        services.AddScoped<ISessionOutcomeSink, ArchiveOnSessionEnd>();
        services.AddHostedService<CrashedSessionRecovery>();
        services.AddHostedService<MediaRestartReporter>();
        services.AddHealthChecks().AddCheck<ArchiveIntegrityHealthCheck>("recordings", tags: ["required"]);

        var cron = builder.Configuration[$"{RecordingOptions.Section}:{nameof(RecordingOptions.IntegrityCheckCron)}"] ?? new RecordingOptions().IntegrityCheckCron;
        var zoneId = builder.Configuration[$"{WardOptions.Section}:{nameof(WardOptions.TimeZoneId)}"] ?? new WardOptions().TimeZoneId;
        services.AddQuartz(q => q
            .AddJob<IntegrityCheckJob>(j => j.WithIdentity(IntegrityCheckJob.Key).StoreDurably())
            .AddTrigger(t => t.ForJob(IntegrityCheckJob.Key).WithIdentity(nameof(IntegrityCheckJob))
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(zoneId)))));
    }

    public static void MapRecordings(this IEndpointRouteBuilder endpoints) => endpoints.MapPlayback();
}
