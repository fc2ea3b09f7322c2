using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Intake;

internal sealed class CaseRecordings(CasesDbContext db, CaseRegistry registry, IStaffDirectory staff, WardClock clock) : ICaseRecordings
{
    public async Task<bool> AttachAsync(Guid caseId, Guid archiveId, string label, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var file = await db.Cases.Include(c => c.Links).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null)
        {
            return false;
        }

        if (file.Links.Any(l => l.Kind == CaseLinkKind.Recording && l.TargetId == archiveId))
        {
            return true;
        }

        var text = Label(label);
        file.Links.Add(new CaseLink { Id = Guid.NewGuid(), CaseId = file.Id, Kind = CaseLinkKind.Recording, TargetId = archiveId, Label = text, LinkedAt = clock.UtcNow });
        registry.AddHistory(file, await ActorAsync(actorId, cancellationToken), "RecordingAttached", "Gắn bản ghi: " + text);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<int> AttachToSessionCasesAsync(Guid sessionId, Guid archiveId, string label, CancellationToken cancellationToken = default)
    {
        var caseIds = await db.Links.Where(l => l.Kind == CaseLinkKind.Session && l.TargetId == sessionId).Select(l => l.CaseId).ToListAsync(cancellationToken);
        foreach (var id in caseIds)
        {
            await AttachAsync(id, archiveId, label, null, cancellationToken);
        }

        return caseIds.Count;
    }

    public async Task<bool> DetachAsync(Guid caseId, Guid archiveId, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var file = await db.Cases.Include(c => c.Links).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var link = file?.Links.FirstOrDefault(l => l.Kind == CaseLinkKind.Recording && l.TargetId == archiveId);
        if (file is null || link is null)
        {
            return false;
        }

        file.Links.Remove(link);
        db.Links.Remove(link);
        registry.AddHistory(file, await ActorAsync(actorId, cancellationToken), "RecordingDetached", "Gỡ bản ghi: " + link.Label);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Label(string label)
    {
        var text = string.IsNullOrWhiteSpace(label) ? "Bản ghi phiên tiếp" : label.Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    // The history names who acted; the caller already authorized the action (intake runs on the web host's behalf).
    private async Task<CaseActor> ActorAsync(Guid? actorId, CancellationToken cancellationToken) =>
        actorId is { } id ? new CaseActor(id, (await staff.FindAsync(id, cancellationToken))?.UserName ?? id.ToString(), true, false) : CaseActor.System;
}
