using System.Security.Claims;
using System.Threading.RateLimiting;
using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Scheduling.Representation;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>Composition of the scheduling module: calendar, holidays, working days, reception days, bookings, meetings.</summary>
public static class SchedulingModule
{
    /// <summary>Authorization policy of the office's scheduling work (rules, holidays, bookings, meetings).</summary>
    public const string OfficePolicy = "Scheduling.Office";

    /// <summary>Roles allowed by <see cref="OfficePolicy"/>, comma-separated for <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string OfficeRoles = StaffRoles.Admin + "," + StaffRoles.Chairman + "," + StaffRoles.ViceChairman + "," + StaffRoles.Staff;

    /// <summary>
    /// Authorization policy of handing a reception day to a substitute presiding official: the office roles and every
    /// presiding role; which day a caller may hand over is decided per day (docs/adr/0083).
    /// </summary>
    public const string DelegationPolicy = "Scheduling.DayDelegation";

    /// <summary>Roles allowed by <see cref="DelegationPolicy"/>, comma-separated for <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string DelegationRoles = OfficeRoles + "," + StaffRoles.UnitHead;

    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlValidation>();
        services.AddSingleton<PublicAddress>();
        services.AddOptions<RepresentationOptions>().BindConfiguration(RepresentationOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.IsConsistent, "Ward:Representatives: SmallGroupTo must be at least GroupFrom, SmallGroupMaxRepresentatives at most MaxRepresentatives")
            .ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<SchedulingDbContext>(o => o.UseNpgsql(
            builder.Configuration.GetConnectionString(KernelModule.ConnectionStringName),
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", SchedulingDbContext.Schema))
            // This module lets its unique and exclusion constraints decide races and answers 409: EF would log each
            // such refusal at Error with a stack trace (a disk-filling lever for anyone posting bookings). Every call
            // site catches the violations it expects; anything else still reaches the host's exception log.
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug))));
        services.AddScoped<IWorkingDayCalendar, DatabaseWorkingDayCalendar>();

        services.AddScoped<HolidayService>();
        services.AddScoped<ReceptionDayPublisher>();
        services.AddScoped<ReceptionDayService>();
        services.AddScoped<DayDelegation>();
        services.AddScoped<PublicCalendar>();
        services.AddScoped<IReceptionCalendar, ReceptionCalendar>();
        services.AddScoped<IReceptionRecordingRules, ReceptionRecordingRules>();
        services.AddScoped<RecordingSwitch>();
        services.AddScoped<MeetingService>();
        services.AddSingleton<ReceptionDayBlock>();
        services.AddScoped<BookingService>();
        services.AddScoped<BookingAttachments>();
        services.AddScoped<JoinLinkReissue>();
        services.AddSingleton<ReissueAttempts>();
        services.AddScoped<IBookingDirectory, BookingDirectory>();
        services.AddScoped<IBookingSealing, BookingSealing>();
        services.AddScoped<NotificationComposer>();
        services.AddScoped<OutboxSender>();
        services.AddDataProtection();
        services.AddSingleton<OutboxBodies>();
        services.AddScoped<IMailOutbox, MailOutbox>();
        services.AddScoped<BookingReminders>();
        services.AddScoped<BookingExpiry>();
        services.AddHostedService<DefaultRuleSeeder>();
        services.AddHealthChecks().AddCheck<SchedulingHealthCheck>("scheduling", tags: ["required"]);

        services.AddAuthorizationBuilder()
            .AddPolicy(OfficePolicy, p => p.RequireRole(OfficeRoles.Split(',')))
            .AddPolicy(DelegationPolicy, p => p.RequireRole(DelegationRoles.Split(',')));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitLog.RejectAsync;
            // Booking creation (API and page post) per client address: one client cannot take a whole day's slots.
            o.AddPolicy(BookingEndpoints.CreateRateLimit, context => ClientRateLimit.PerMinute(
                context, context.RequestServices.GetRequiredService<IOptions<SchedulingOptions>>().Value.Bookings.CreatesPerMinute, readsFree: true));
            // Booking codes are short: look-ups are limited per client address so codes cannot be enumerated.
            o.AddPolicy(BookingEndpoints.LookupRateLimit, context => ClientRateLimit.PerMinute(
                context, context.RequestServices.GetRequiredService<IOptions<SchedulingOptions>>().Value.Bookings.LookupsPerMinute));
        });

        var zone = TimeZoneInfo.FindSystemTimeZoneById(builder.Configuration[$"{WardOptions.Section}:TimeZoneId"] ?? new WardOptions().TimeZoneId);
        var reminderTime = builder.Configuration.GetValue<TimeOnly?>($"{NotificationOptions.Section}:ReminderTime") ?? new NotificationOptions().ReminderTime;
        services.AddQuartz(q =>
        {
            q.AddJob<PublishReceptionDaysJob>(j => j.WithIdentity(PublishReceptionDaysJob.Key));
            q.AddTrigger(t => t.ForJob(PublishReceptionDaysJob.Key).WithIdentity(nameof(PublishReceptionDaysJob))
                .WithCronSchedule("0 5 0 * * ?", c => c.InTimeZone(zone)));
            q.AddJob<SendRemindersJob>(j => j.WithIdentity(SendRemindersJob.Key));
            q.AddTrigger(t => t.ForJob(SendRemindersJob.Key).WithIdentity(nameof(SendRemindersJob))
                .WithCronSchedule($"0 {reminderTime.Minute} {reminderTime.Hour} * * ?", c => c.InTimeZone(zone)));
            q.AddJob<ExpireBookingsJob>(j => j.WithIdentity(ExpireBookingsJob.Key));
            q.AddTrigger(t => t.ForJob(ExpireBookingsJob.Key).WithIdentity(nameof(ExpireBookingsJob))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(5)).RepeatForever()));
            q.AddJob<DispatchOutboxJob>(j => j.WithIdentity(DispatchOutboxJob.Key));
            q.AddTrigger(t => t.ForJob(DispatchOutboxJob.Key).WithIdentity(nameof(DispatchOutboxJob))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()));
        });
        // Registered once here for every module's jobs (AddQuartz is additive).
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>The signed-in staff member as a hand-over caller (pages and the API build it the same way).</summary>
    internal static DelegationCaller DelegationCallerOf(ClaimsPrincipal user) => new(
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty,
        user.Identity?.Name ?? "?",
        OfficeRoles.Split(',').Any(user.IsInRole));

    public static IEndpointRouteBuilder MapScheduling(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // The web host's pipeline has routing and authorization already; the limiter must run after routing so
        // endpoint policies apply. This module is the only one using it (docs/adr/0011).
        if (endpoints is IApplicationBuilder app)
        {
            app.UseRateLimiter();
        }

        endpoints.MapCalendar();
        endpoints.MapReceptionDays();
        endpoints.MapBookings();
        endpoints.MapMeetings();
        return endpoints;
    }
}

/// <summary>
/// The one shape of every abuse limit: requests per client address (the real one behind a trusted proxy, as forwarded
/// headers run first) in a fixed one-minute window, no queue; past it, <see cref="RateLimitLog"/> answers.
/// </summary>
public static class ClientRateLimit
{
    /// <param name="context">The request being partitioned.</param>
    /// <param name="perMinute">Requests one address may make per minute.</param>
    /// <param name="readsFree">GET and HEAD are not counted (a form page limits its posts only).</param>
    public static RateLimitPartition<string> PerMinute(HttpContext context, int perMinute, bool readsFree = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (readsFree && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        return RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}

/// <summary>What a refused request gets: one log line (no stack trace) and a Vietnamese sentence.</summary>
internal static partial class RateLimitLog
{
    /// <summary>The limiter's rejection callback, shared by every module's policies (one place for the answer).</summary>
    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        // The real client address behind a trusted proxy (forwarded headers run first).
        Rejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitLog)),
            http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        http.Response.Headers.RetryAfter = "60";
        var sentence = Messages.Get("Problem.TooManyRequests");
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(detail: sentence, statusCode: StatusCodes.Status429TooManyRequests, title: sentence).ExecuteAsync(http);
            return;
        }

        // Our own sentence: only the markup characters need escaping (WebUtility would turn Vietnamese letters into
        // numeric references).
        var html = sentence.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{html}</title></head><body><p data-testid=\"too-many-requests\">{html}</p></body></html>",
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many requests to {Path} from {ClientAddress}: answered 429")]
    private static partial void Rejected(ILogger logger, string path, string clientAddress);
}
