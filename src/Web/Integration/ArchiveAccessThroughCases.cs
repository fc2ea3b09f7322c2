using System.Security.Claims;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// Recordings (Realtime) ask who may open an archive; the case registry (Cases) decides with the same
/// <see cref="CaseActor"/> rule as the case pages. An archive on no case is open to the roles that see every case and
/// to the official who presided its session (docs/adr/0070).
/// </summary>
internal sealed class ArchiveAccessThroughCases(CasesDbContext cases, IReceptionSessionDirectory sessions) : IArchiveAccessPolicy
{
    public async Task<IReadOnlySet<Guid>> VisibleAsync(ClaimsPrincipal user, IReadOnlyCollection<ArchiveAccessItem> archives, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(archives);
        var actor = CaseActor.From(user);
        if (actor.SeesAllCases)
        {
            return archives.Select(a => a.ArchiveId).ToHashSet();
        }

        var visible = new HashSet<Guid>();
        if (actor.Id is not { } staffId)
        {
            return visible;
        }

        var caseIds = archives.Where(a => a.CaseId is not null).Select(a => a.CaseId!.Value).Distinct().ToList();
        var openable = (await actor.Visible(cases.Cases.AsNoTracking()).Where(c => caseIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        var presided = new Dictionary<Guid, bool>();
        foreach (var archive in archives)
        {
            if (archive.CaseId is { } caseId)
            {
                if (openable.Contains(caseId))
                {
                    visible.Add(archive.ArchiveId);
                }

                continue;
            }

            if (!presided.TryGetValue(archive.SessionId, out var isPresiding))
            {
                isPresiding = (await sessions.FindAsync(archive.SessionId, cancellationToken))?.PresidingOfficialId == staffId;
                presided[archive.SessionId] = isPresiding;
            }

            if (isPresiding)
            {
                visible.Add(archive.ArchiveId);
            }
        }

        return visible;
    }

    /// <summary>Whether <paramref name="user"/> may open case <paramref name="caseId"/> (attach needs the target case too).</summary>
    public Task<bool> MayOpenCaseAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken) =>
        CaseActor.From(user).Visible(cases.Cases.AsNoTracking()).AnyAsync(c => c.Id == caseId, cancellationToken);
}
