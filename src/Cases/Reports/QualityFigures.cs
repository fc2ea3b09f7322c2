using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.SecondInstance;
using DaoVien.OnlineReception.Kernel.Staff;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Reports;

/// <summary>Second-instance decisions dated in the quarter on the ward's first-instance decisions, by outcome.</summary>
internal sealed record SecondInstanceFigures(int Upheld, int Amended, int Annulled)
{
    public int Total => Upheld + Amended + Annulled;

    public int AmendedOrAnnulled => Amended + Annulled;

    /// <summary>Share of the second-instance results that amended or annulled the ward's decision; null when there were none.</summary>
    public decimal? AmendedOrAnnulledRate => Total == 0 ? null : Math.Round(100m * AmendedOrAnnulled / Total, 1);
}

/// <summary>
/// Letters sent over the ward's head (đơn vượt cấp) received in the quarter: of the letters a higher agency forwarded
/// to the ward, those about a matter within the ward's competence that the citizen had not first brought to the ward
/// (docs/adr/0086); by subject area, so the office sees where citizens bypass the ward.
/// </summary>
internal sealed record OverTheHeadFigures(int FromHigherAgencies, int OverTheHead, IReadOnlyList<CountRow> BySubjectArea);

/// <summary>
/// On-time handling of one official or one unit: cases with a legal deadline due in the quarter (up to the report
/// date), done on time / late / not done at the report date; and first-instance decisions the second instance amended
/// or annulled in the quarter. <see cref="Name"/> null: cases nobody is assigned; <see cref="Unit"/> null: no unit set.
/// </summary>
internal sealed record OnTimeRow(string? Name, string? Unit, int Cases, int OnTime, int Late, int Open, int AmendedOrAnnulled)
{
    public decimal? OnTimeRate => Cases == 0 ? null : Math.Round(100m * OnTime / Cases, 1);
}

/// <summary>The ward plan's quality figures (plan II.3, II.5): figures and staff names only, never a citizen's.</summary>
internal sealed record QualityFigures(SecondInstanceFigures SecondInstance, OverTheHeadFigures OverTheHead, IReadOnlyList<OnTimeRow> ByUnit, IReadOnlyList<OnTimeRow> ByOfficial);

/// <summary>Computes <see cref="QualityFigures"/> for a quarter; the definitions are in docs/adr/0086.</summary>
internal sealed class QualityFiguresBuilder(CasesDbContext db, IStaffDirectory staff)
{
    private enum Timeliness
    {
        OnTime,
        Late,
        Open,
    }

    /// <summary>The figures of the quarter <paramref name="from"/>–<paramref name="to"/> as they stand on <paramref name="asOf"/> (the quarter's end once it is over, else <paramref name="today"/>).</summary>
    public async Task<QualityFigures> BuildAsync(DateOnly from, DateOnly to, DateOnly asOf, DateOnly today, CancellationToken cancellationToken)
    {
        var last = asOf < to ? asOf : to;
        var results = await db.SecondInstanceResults.AsNoTracking().Where(r => r.DecisionDate >= from && r.DecisionDate <= last)
            .Join(db.Cases, r => r.CaseId, c => c.Id, (r, c) => new { r.Outcome, c.AssigneeId })
            .ToListAsync(cancellationToken);
        var second = new SecondInstanceFigures(
            results.Count(r => r.Outcome == SecondInstanceOutcome.Upheld),
            results.Count(r => r.Outcome == SecondInstanceOutcome.Amended),
            results.Count(r => r.Outcome == SecondInstanceOutcome.Annulled));

        // The investigation agency's answer to a crime referral is not the ward's handling: it rates nobody here.
        var deadlines = await db.Deadlines.AsNoTracking()
            .Where(d => d.DueDate >= from && d.DueDate <= last && d.Kind != DeadlineKind.ReferralAnswer)
            .Select(d => new { d.CaseId, d.DueDate, d.CompletedOn, d.Case!.AssigneeId })
            .ToListAsync(cancellationToken);
        // A deadline due today and not met yet is still running: it rates nobody until it passes.
        var cases = deadlines.Where(d => d.DueDate < today || d.CompletedOn <= asOf).GroupBy(d => d.CaseId).Select(g => new
        {
            g.First().AssigneeId,
            // A case is as late as its latest deadline: one not done at the report date, else one done after its date.
            State = g.Any(d => d.CompletedOn is null || d.CompletedOn > asOf) ? Timeliness.Open
                : g.Any(d => d.CompletedOn > d.DueDate) ? Timeliness.Late : Timeliness.OnTime,
        }).ToList();
        var amended = results.Where(r => r.Outcome != SecondInstanceOutcome.Upheld).ToList();

        var people = new Dictionary<Guid, StaffMember?>();
        foreach (var id in cases.Select(c => c.AssigneeId).Concat(amended.Select(r => r.AssigneeId)).OfType<Guid>().Distinct())
        {
            people[id] = await staff.FindAsync(id, cancellationToken);
        }

        var items = cases.Select(c => (c.AssigneeId, State: (Timeliness?)c.State)).Concat(amended.Select(r => (r.AssigneeId, State: (Timeliness?)null))).ToList();
        var byOfficial = items.GroupBy(i => i.AssigneeId)
            .Select(g => Row(g.Key is { } id ? people[id]?.FullName ?? id.ToString() : null, g.Key is { } u ? people[u]?.Unit : null, g.Select(i => i.State)))
            .OrderBy(r => r.Name is null).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var byUnit = items.GroupBy(i => i.AssigneeId is { } id ? people[id]?.Unit : null, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.Key, g.Select(i => i.State)))
            .OrderBy(r => r.Unit is null).ThenBy(r => r.Unit, StringComparer.Ordinal).ToList();

        return new QualityFigures(second, await OverTheHeadAsync(from, to, cancellationToken), byUnit, byOfficial);
    }

    private async Task<OverTheHeadFigures> OverTheHeadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var forwarded = await db.ForwardedLetters.AsNoTracking().Where(l => l.Source == ForwardSource.HigherAgency)
            .Join(db.Cases.Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to), l => l.CaseId, c => c.Id,
                (l, c) => new { c.Id, c.Kind, c.Instance, c.Status, c.TransferKind, c.SubjectArea, c.ReceivedOn, c.CitizenIdHash })
            .ToListAsync(cancellationToken);
        var hashes = forwarded.Select(f => f.CitizenIdHash).OfType<string>().Distinct().ToList();
        var earlier = await db.Cases.AsNoTracking().Where(c => c.CitizenIdHash != null && hashes.Contains(c.CitizenIdHash))
            .Select(c => new { c.Id, c.CitizenIdHash, c.SubjectArea, c.ReceivedOn })
            .ToListAsync(cancellationToken);

        var over = forwarded.Where(f =>
            // Within the ward's competence: the ward neither sent it on to the competent agency nor guided the citizen
            // there, and it is not a second-instance complaint (which rightly goes above the ward).
            f.Status != CaseStatus.Guided
            && !(f.Status == CaseStatus.Transferred && f.TransferKind == TransferKind.CompetentAgency)
            && !(f.Kind == CaseKind.Complaint && f.Instance == ComplaintInstance.Second)
            // Not first brought to the ward: no earlier case of the same citizen on the same subject. A denunciation
            // keeps no citizen hash (docs/adr/0004), so it can never be matched and counts as over the head.
            && !earlier.Any(e => e.Id != f.Id && e.CitizenIdHash == f.CitizenIdHash && e.ReceivedOn < f.ReceivedOn
                && string.Equals(e.SubjectArea, f.SubjectArea, StringComparison.OrdinalIgnoreCase))).ToList();
        return new OverTheHeadFigures(forwarded.Count, over.Count,
            [.. over.GroupBy(f => f.SubjectArea, StringComparer.Ordinal).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal)]);
    }

    private static OnTimeRow Row(string? name, string? unit, IEnumerable<Timeliness?> states)
    {
        var list = states.ToList();
        return new OnTimeRow(name, unit, list.Count(s => s is not null), list.Count(s => s == Timeliness.OnTime), list.Count(s => s == Timeliness.Late),
            list.Count(s => s == Timeliness.Open), list.Count(s => s is null));
    }
}
