using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling.ReceptionRules;

/// <summary>
/// On first start (no rule at all) creates the default rule from configuration: it names the presiding role,
/// not an account, because the chairman's account may not exist yet (docs/adr/0010). Then, when enabled,
/// publishes the coming weeks so the calendar is never empty after installation.
/// Runs after the migrator (hosted services start in registration order).
/// </summary>
internal sealed class DefaultRuleSeeder(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, ILogger<DefaultRuleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<WardClock>();
        var settings = options.Value.DefaultRule;
        if (settings.Enabled && !await db.ReceptionRules.AnyAsync(cancellationToken))
        {
            db.ReceptionRules.Add(new ReceptionRule
            {
                Id = Guid.CreateVersion7(),
                Name = settings.Name,
                Recurrence = RecurrenceKind.Weekly,
                DayOfWeek = settings.DayOfWeek,
                StartTime = settings.StartTime,
                EndTime = settings.EndTime,
                PresidingRole = settings.PresidingRole,
                Place = settings.Place,
                Online = settings.Online,
                SlotMinutes = settings.SlotMinutes,
                Capacity = settings.Capacity,
                ValidFrom = clock.Today,
                UpdatedAt = clock.UtcNow,
            });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created the default reception rule ({DayOfWeek} {Start}–{End})", settings.DayOfWeek, settings.StartTime, settings.EndTime);
        }

        if (options.Value.ProposeHolidaysOnStart)
        {
            // A year with no holiday listed gets the computed proposals (unconfirmed), so moves work out of the box.
            var holidays = scope.ServiceProvider.GetRequiredService<WorkingDays.HolidayService>();
            foreach (var year in new[] { clock.Today.Year, clock.Today.Year + 1 })
            {
                if ((await holidays.ListAsync(year, cancellationToken)).Count == 0)
                {
                    await holidays.AddProposalsAsync(year, cancellationToken);
                }
            }
        }

        if (options.Value.PublishOnStart)
        {
            await scope.ServiceProvider.GetRequiredService<ReceptionDayPublisher>().PublishAheadAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
