using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Minutes;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Publication;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Reclassification;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Cases.SecondInstance;
using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace DaoVien.OnlineReception.Cases;

/// <summary>Composition of the case-files module: case registry, legal deadlines, sealed identities, reception book, reports.</summary>
public static class CasesModule
{
    public static IHostApplicationBuilder AddCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DenunciationInitialProcessingExtendedWorkingDays >= o.DenunciationInitialProcessingWorkingDays, "Cases:Deadlines: the extended initial processing cannot be shorter than the normal one")
            .ValidateOnStart();
        services.AddOptions<MinutesOptions>().BindConfiguration(MinutesOptions.Section).ValidateDataAnnotations()
            .Validate(o => File.Exists(Path.Combine(o.FontFolder, "DejaVuSans.ttf")) && File.Exists(Path.Combine(o.FontFolder, "DejaVuSans-Bold.ttf")),
                "Cases:Minutes:FontFolder has no DejaVuSans.ttf / DejaVuSans-Bold.ttf: install the Debian package fonts-dejavu-core")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<CasesDbContext>(o => o.UseNpgsql(
            builder.Configuration.GetConnectionString(KernelModule.ConnectionStringName),
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", CasesDbContext.Schema)));

        services.AddScoped<DeadlineService>();
        services.AddScoped<DueDeadlineQuery>();
        services.AddScoped<CaseRegistry>();
        services.AddScoped<CaseReclassifier>();
        services.AddScoped<ICaseIntake, CaseIntake>();
        services.AddScoped<ICaseRecordings, CaseRecordings>();
        services.AddScoped<ICaseHistoryReader, CaseHistoryReader>();
        services.AddScoped<DeadlineSweep>();
        services.AddScoped<DigestMailer>();
        services.AddScoped<ForwardedLetterService>();
        services.AddScoped<ReportBackReminders>();
        services.AddScoped<LongRunningService>();
        services.AddScoped<DialogueCases>();
        services.AddScoped<IFollowUpNotices, LongRunningReminders>();
        services.AddScoped<SessionMinutesService>();
        services.AddScoped<ISessionMinutes>(sp => sp.GetRequiredService<SessionMinutesService>());
        services.AddScoped<ReceptionBookQuery>();
        services.AddScoped<PublicationService>();
        services.AddScoped<SecondInstanceService>();
        services.AddScoped<QualityFiguresBuilder>();
        services.AddScoped<QuarterlyReportBuilder>();

        services.AddQuartz(q =>
        {
            q.ScheduleJob<DeadlineSweepJob>(
                (sp, t) =>
                {
                    var at = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.SweepAt;
                    var zone = sp.GetRequiredService<IOptions<WardOptions>>().Value.TimeZone;
                    t.WithIdentity(nameof(DeadlineSweepJob))
                        .WithSchedule(CronScheduleBuilder.Create(FormattableString.Invariant($"0 {at.Minute} {at.Hour} * * ?")).InTimeZone(zone));
                },
                (_, j) => j.WithIdentity(nameof(DeadlineSweepJob)));
            q.ScheduleJob<QuarterlyReportJob>(
                (sp, t) => t.WithIdentity(nameof(QuarterlyReportJob))
                    .WithSchedule(CronScheduleBuilder.Create("0 30 0 1 1,4,7,10 ?").InTimeZone(sp.GetRequiredService<IOptions<WardOptions>>().Value.TimeZone)),
                (_, j) => j.WithIdentity(nameof(QuarterlyReportJob)));
        });

        services.AddHealthChecks().AddCheck<CasesHealthCheck>("cases", tags: ["required"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
