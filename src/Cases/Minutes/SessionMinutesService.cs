using System.Globalization;
using System.Security.Cryptography;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Cases.Minutes;

/// <summary>What a staff member may download: the stored bytes and their name and type.</summary>
internal sealed record MinutesFile(byte[] Content, string FileName, string ContentType);

internal sealed class SessionMinutesService(
    CasesDbContext db,
    CaseRegistry registry,
    IIdentitySealer sealer,
    IOptions<MinutesOptions> options,
    WardClock clock,
    ILogger<SessionMinutesService> logger) : ISessionMinutes
{
    public async Task<Guid> GenerateAsync(MinutesInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await db.Minutes.Include(m => m.Log).SingleOrDefaultAsync(m => m.SessionId == input.SessionId, cancellationToken);
        var caseId = input.CaseNumber is null ? null : await db.Cases.Where(c => c.Number == input.CaseNumber).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        // A new version only when it says more than the stored one (the archive's hash, the case): the same input twice is a no-op.
        if (record is not null && (record.ArchiveManifestSha256 is not null || input.ArchiveManifestSha256 is null) && (record.CaseId is not null || caseId is null))
        {
            return record.Id;
        }

        var isNew = record is null;
        record ??= new SessionMinutesRecord
        {
            Id = Guid.CreateVersion7(),
            SessionId = input.SessionId,
            Number = await NextNumberAsync(cancellationToken),
            PresidingOfficialId = input.PresidingOfficialId,
            Date = clock.LocalDate(input.StartedAt),
            Content = [],
            ContentSha256 = "",
            PdfSha256 = "",
        };
        var wasConfirmed = record.ConfirmedAt is not null;
        record.Version++;
        record.CaseId ??= caseId;
        record.ArchiveManifestSha256 ??= input.ArchiveManifestSha256;
        // Sealed stays sealed: the case may have become a denunciation after the session (docs/adr/0084), while the
        // session itself still knows its first kind.
        record.Sealed = record.Sealed || input.Kind == CaseKind.Denunciation
            || (record.CaseId is { } linked && await db.Cases.AnyAsync(c => c.Id == linked && c.Kind == CaseKind.Denunciation, cancellationToken));
        record.GeneratedAt = clock.UtcNow;
        DejaVuFontResolver.InstallOnce(options.Value.FontFolder);
        using var renderer = new MinutesPdf(clock.Zone);
        var pdf = renderer.Render(input with { ArchiveManifestSha256 = record.ArchiveManifestSha256 }, record.Number, record.Version, record.GeneratedAt, options.Value);
        record.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        record.Content = record.Sealed ? await SealAsync(pdf, cancellationToken) : pdf;
        record.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(record.Content));
        record.ConfirmedAt = null;
        record.ConfirmedBy = null;
        record.Log.Add(Entry(record, CaseActor.System, "Generated", string.Create(CultureInfo.InvariantCulture,
            $"Phiên bản {record.Version}{(record.ArchiveManifestSha256 is null ? "" : ", kèm mã băm bản lưu trữ")}{(record.Sealed ? ", niêm phong" : "")}{(wasConfirmed ? "; cần xác nhận lại" : "")}; SHA-256 {record.PdfSha256}")));
        if (isNew)
        {
            db.Minutes.Add(record);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (record.CaseId is { } attachedTo)
        {
            await NoteOnCaseAsync(attachedTo, record, cancellationToken);
        }

        logger.LogInformation("Minutes {MinutesId} of session {SessionId}: version {Version}", record.Id, record.SessionId, record.Version);
        return record.Id;
    }

    /// <summary>The presiding official confirms the current version; false when the caller is not them (nothing changes).</summary>
    public async Task<bool> ConfirmAsync(Guid minutesId, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.Minutes.Include(m => m.Log).SingleOrDefaultAsync(m => m.Id == minutesId, cancellationToken);
        if (record is null || actor.Id != record.PresidingOfficialId)
        {
            return false;
        }

        if (record.ConfirmedAt is null)
        {
            record.ConfirmedAt = clock.UtcNow;
            record.ConfirmedBy = actor.Id;
            record.Log.Add(Entry(record, actor, "Confirmed", string.Create(CultureInfo.InvariantCulture, $"Xác nhận phiên bản {record.Version}; SHA-256 {record.PdfSha256}")));
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The minutes for <paramref name="actor"/> when they may read them — the presiding official, or whoever may see
    /// the case they are attached to (with no case: those who see every case). Every download is logged.
    /// </summary>
    public async Task<MinutesFile?> DownloadAsync(Guid minutesId, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await FindForAsync(minutesId, actor, cancellationToken);
        if (record is null)
        {
            return null;
        }

        db.MinutesLog.Add(Entry(record, actor, "Downloaded", string.Create(CultureInfo.InvariantCulture, $"Phiên bản {record.Version}")));
        await db.SaveChangesAsync(cancellationToken);
        return new MinutesFile(record.Content, record.FileName, record.Sealed ? "application/octet-stream" : "application/pdf");
    }

    /// <summary>The minutes if <paramref name="actor"/> may read them, else null.</summary>
    public async Task<SessionMinutesRecord?> FindForAsync(Guid minutesId, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.Minutes.Include(m => m.Log.OrderBy(l => l.At)).AsSplitQuery().SingleOrDefaultAsync(m => m.Id == minutesId, cancellationToken);
        if (record is null || actor.Id is null)
        {
            return null;
        }

        if (actor.Id == record.PresidingOfficialId)
        {
            return record;
        }

        var file = record.CaseId is { } caseId ? await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken) : null;
        return (file is null ? actor.SeesAllCases : actor.CanSee(file)) ? record : null;
    }

    /// <summary>Minutes waiting for <paramref name="presidingOfficialId"/>'s confirmation, newest first.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Number, DateOnly Date, int Version)>> AwaitingConfirmationAsync(Guid presidingOfficialId, CancellationToken cancellationToken) =>
        [.. (await db.Minutes.AsNoTracking().Where(m => m.PresidingOfficialId == presidingOfficialId && m.ConfirmedAt == null)
            .OrderByDescending(m => m.GeneratedAt).Select(m => new { m.Id, m.Number, m.Date, m.Version }).Take(50).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.Number, m.Date, m.Version))];

    /// <summary>
    /// Seals the stored minutes of a case that became a denunciation (of the case, or of its sessions) in the tracked
    /// context: the caller's save writes them with the case. Returns how many were sealed.
    /// </summary>
    public async Task<int> SealForCaseAsync(Guid caseId, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        var records = await db.Minutes.Include(m => m.Log)
            .Where(m => !m.Sealed && (m.CaseId == caseId || sessionIds.Contains(m.SessionId)))
            .ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            record.Content = await SealAsync(record.Content, cancellationToken);
            record.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(record.Content));
            record.Sealed = true;
            record.Log.Add(Entry(record, CaseActor.System, "Sealed", string.Create(CultureInfo.InvariantCulture, $"Niêm phong phiên bản {record.Version}: hồ sơ được phân loại lại là đơn tố cáo; SHA-256 bản gốc {record.PdfSha256}")));
        }

        return records.Count;
    }

    private async Task NoteOnCaseAsync(Guid caseId, SessionMinutesRecord record, CancellationToken cancellationToken)
    {
        var file = await db.Cases.Include(c => c.History).SingleAsync(c => c.Id == caseId, cancellationToken);
        registry.AddHistory(file, CaseActor.System, "MinutesAttached", string.Create(CultureInfo.InvariantCulture, $"Biên bản tiếp công dân số {record.Number}, phiên bản {record.Version}"));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<byte[]> SealAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await SealedFile.SealAsync(input, output, sealer, cancellationToken);
        return output.ToArray();
    }

    private MinutesLogEntry Entry(SessionMinutesRecord record, CaseActor actor, string action, string details) =>
        new() { MinutesId = record.Id, At = clock.UtcNow, ActorId = actor.Id, ActorName = actor.Name, Action = action, Details = details };

    private async Task<string> NextNumberAsync(CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQuery<long>($"SELECT nextval('cases.minutes_number_seq') AS \"Value\"").SingleAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{next}/BB-TCD");
    }
}
