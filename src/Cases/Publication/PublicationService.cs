using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Publication;

/// <summary>
/// The redaction review before a result goes public: staff write the public text, then approve it. Only resolved
/// complaints, petitions and feedback qualify; a text still holding a person's name, ID number, phone or address of
/// the case is refused.
/// </summary>
internal sealed class PublicationService(CasesDbContext db, CaseRegistry registry, WardClock clock)
{
    public Task<CasePublication?> FindAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Publications.FirstOrDefaultAsync(p => p.CaseId == caseId, cancellationToken);

    public async Task<CaseResult> SaveAsync(Guid caseId, string publicText, bool approve, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await registry.LoadAsync(caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (file.Kind == CaseKind.Denunciation)
        {
            return CaseResult.Fail(CaseErrors.PublishDenunciation);
        }

        if (file.Status is not (CaseStatus.Resolved or CaseStatus.Closed) || file.DecisionNumber is null)
        {
            return CaseResult.Fail(CaseErrors.PublishNotResolved);
        }

        if (string.IsNullOrWhiteSpace(publicText))
        {
            return CaseResult.Fail(CaseErrors.PublishTextRequired);
        }

        var text = publicText.Trim();
        if (ContainsPersonalData(file, text))
        {
            return CaseResult.Fail(CaseErrors.PublishPersonalData);
        }

        var publication = await FindAsync(caseId, cancellationToken);
        if (publication is null)
        {
            publication = new CasePublication { CaseId = file.Id, CaseNumber = file.Number, Kind = file.Kind, SubjectArea = file.SubjectArea, PublicText = text };
            db.Publications.Add(publication);
        }

        publication.PublicText = text;
        publication.SubjectArea = file.SubjectArea;
        publication.DecisionNumber = file.DecisionNumber;
        publication.DecisionDate = file.DecisionDate;
        publication.UpdatedAt = clock.UtcNow;
        publication.IsApproved = approve;
        publication.ApprovedBy = approve ? actor.Id : null;
        publication.ApprovedAt = approve ? clock.UtcNow : null;
        registry.AddHistory(file, actor, approve ? "Published" : "PublicationDraft", approve ? "Duyệt công khai kết quả" : "Lưu nội dung công khai (chưa duyệt)");
        await db.SaveChangesAsync(cancellationToken);
        return CaseResult.Ok;
    }

    public async Task<CaseResult> WithdrawAsync(Guid caseId, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await registry.LoadAsync(caseId, cancellationToken);
        var publication = await FindAsync(caseId, cancellationToken);
        if (file is null || publication is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        publication.IsApproved = false;
        publication.ApprovedAt = null;
        publication.ApprovedBy = null;
        publication.UpdatedAt = clock.UtcNow;
        registry.AddHistory(file, actor, "Unpublished", "Rút khỏi trang công khai");
        await db.SaveChangesAsync(cancellationToken);
        return CaseResult.Ok;
    }

    /// <summary>Approved results, newest decision first: the only data the public page reads.</summary>
    public async Task<IReadOnlyList<CasePublication>> ListPublicAsync(CancellationToken cancellationToken) =>
        await db.Publications.AsNoTracking()
            .Where(p => p.IsApproved && p.Kind != CaseKind.Denunciation)
            .OrderByDescending(p => p.DecisionDate).ThenBy(p => p.CaseNumber)
            .ToListAsync(cancellationToken);

    internal static bool ContainsPersonalData(CaseFile file, string text)
    {
        var values = file.Persons.SelectMany(p => new[] { p.FullName, p.IdNumber, p.Phone, p.Address })
            .Where(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length >= 3)
            .Select(v => v!.Trim());
        return values.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase));
    }
}
