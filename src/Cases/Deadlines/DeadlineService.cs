using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Cases.Deadlines;

/// <summary>(Re)computes a case's deadlines from its facts, the rules (options) and the ward's holidays.</summary>
internal sealed class DeadlineService(IWorkingDayCalendar calendar, IOptions<DeadlineOptions> options, WardClock clock)
{
    public DeadlineOptions Options => options.Value;

    public async Task<WorkingCalendar> LoadCalendarAsync(IEnumerable<CaseFile> cases, CancellationToken cancellationToken)
    {
        var starts = cases.Select(c => c.ReceivedOn).Append(clock.Today).ToList();
        // Room for the longest limit (70 days + 2×30 extensions) plus holidays on the way.
        return await calendar.LoadAsync(starts.Min().AddDays(-7), starts.Max().AddDays(400), cancellationToken);
    }

    /// <summary>Updates <paramref name="file"/>'s tracked deadlines in place; returns true when a due date moved.</summary>
    public bool Recompute(CaseFile file, WorkingCalendar workingCalendar)
    {
        var facts = new DeadlineFacts(
            file.Kind, file.Instance, file.Complexity, file.IsRemoteArea,
            file.Channel is CaseChannel.OnlineSession or CaseChannel.Booking or CaseChannel.InPerson,
            file.ReceivedOn, file.AcceptedOn, [.. file.Extensions.Select(e => e.Days)],
            file.InitialProcessingExtendedOn is not null,
            file.TransferKind == TransferKind.CrimeReferral ? file.TransferredOn : null);
        var changed = false;
        foreach (var spec in DeadlinePlanner.Plan(facts, options.Value))
        {
            var due = DeadlinePlanner.Due(spec, workingCalendar, options.Value.ShiftCalendarDeadlineOffNonWorkingDay);
            var rule = DeadlinePlanner.Describe(spec, due);
            var existing = file.Deadlines.FirstOrDefault(d => d.Kind == spec.Kind);
            if (existing is null)
            {
                file.Deadlines.Add(new CaseDeadline { Id = Guid.NewGuid(), CaseId = file.Id, Kind = spec.Kind, StartDate = spec.Start, DueDate = due, Rule = rule, ComputedAt = clock.UtcNow });
                changed = true;
            }
            else if (existing.DueDate != due || existing.Rule != rule || existing.StartDate != spec.Start)
            {
                changed |= existing.DueDate != due;
                existing.StartDate = spec.Start;
                existing.DueDate = due;
                existing.Rule = rule;
                existing.ComputedAt = clock.UtcNow;
            }
        }

        return changed;
    }

    public static void Complete(CaseFile file, DateOnly on, params DeadlineKind[] kinds)
    {
        foreach (var d in file.Deadlines.Where(d => kinds.Contains(d.Kind) && d.CompletedOn is null))
        {
            d.CompletedOn = on;
        }
    }
}
