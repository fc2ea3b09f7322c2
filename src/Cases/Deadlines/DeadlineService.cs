using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
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
    public bool Recompute(CaseFile file, WorkingCalendar workingCalendar) => Replan(file, workingCalendar).Any(c => c.DueMoved);

    /// <summary>
    /// Places every deadline the rules owe for the case's current facts and returns what changed. A met deadline is
    /// a fact of the past and stays as it was; an open one the rules no longer owe (the case's kind changed) is removed;
    /// a case that is no longer open owes no new deadline except the investigation agency's answer to a referral.
    /// </summary>
    public IReadOnlyList<DeadlineChange> Replan(CaseFile file, WorkingCalendar workingCalendar)
    {
        var facts = new DeadlineFacts(
            file.Kind, file.Instance, file.Complexity, file.IsRemoteArea,
            file.Channel is CaseChannel.OnlineSession or CaseChannel.Booking or CaseChannel.InPerson,
            file.ReceivedOn, file.AcceptedOn, [.. file.Extensions.Select(e => e.Days)],
            file.InitialProcessingExtendedOn is not null,
            file.TransferKind == TransferKind.CrimeReferral ? file.TransferredOn : null);
        var changes = new List<DeadlineChange>();
        var specs = DeadlinePlanner.Plan(facts, options.Value);
        foreach (var spec in specs)
        {
            var due = DeadlinePlanner.Due(spec, workingCalendar, options.Value.ShiftCalendarDeadlineOffNonWorkingDay);
            var rule = DeadlinePlanner.Describe(spec, due);
            var existing = file.Deadlines.FirstOrDefault(d => d.Kind == spec.Kind);
            if (existing is null)
            {
                if (!file.IsOpen && spec.Kind != DeadlineKind.ReferralAnswer)
                {
                    continue;
                }

                file.Deadlines.Add(new CaseDeadline { Id = Guid.NewGuid(), CaseId = file.Id, Kind = spec.Kind, StartDate = spec.Start, DueDate = due, Rule = rule, ComputedAt = clock.UtcNow });
                changes.Add(new DeadlineChange(spec.Kind, null, null, due, rule));
            }
            else if (existing.CompletedOn is null && (existing.DueDate != due || existing.Rule != rule || existing.StartDate != spec.Start))
            {
                changes.Add(new DeadlineChange(spec.Kind, existing.DueDate, existing.Rule, due, rule));
                existing.StartDate = spec.Start;
                existing.DueDate = due;
                existing.Rule = rule;
                existing.ComputedAt = clock.UtcNow;
            }
        }

        foreach (var stale in file.Deadlines.Where(d => d.CompletedOn is null && specs.All(s => s.Kind != d.Kind)).ToList())
        {
            file.Deadlines.Remove(stale);
            changes.Add(new DeadlineChange(stale.Kind, stale.DueDate, stale.Rule, null, null));
        }

        return changes;
    }

    public static void Complete(CaseFile file, DateOnly on, params DeadlineKind[] kinds)
    {
        foreach (var d in file.Deadlines.Where(d => kinds.Contains(d.Kind) && d.CompletedOn is null))
        {
            d.CompletedOn = on;
        }
    }
}

/// <summary>One deadline placed anew: added (no old due date), moved or reworded, or no longer owed (no new due date).</summary>
internal sealed record DeadlineChange(DeadlineKind Kind, DateOnly? OldDue, string? OldRule, DateOnly? NewDue, string? NewRule)
{
    public bool DueMoved => OldDue != NewDue;
}
