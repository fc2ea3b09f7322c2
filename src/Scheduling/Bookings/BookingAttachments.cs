using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>What was done with an attachment (docs/adr/0095).</summary>
internal enum AttachmentAccessAction
{
    View,
    Download,

    /// <summary>A denunciation's file: only its <c>.sealed</c> bytes ever leave (docs/adr/0081).</summary>
    SealedDownload,

    /// <summary>Asked for by someone the server-side rules do not let reach it; nothing was served.</summary>
    Refused,
}

/// <summary>
/// One access to a booking's attachment. No foreign key to the attachment: the log must outlive the file, and it
/// reads on its own (the reader's name and roles at the time).
/// </summary>
internal sealed class AttachmentAccess
{
    public long Id { get; set; }

    public Guid AttachmentId { get; set; }

    public Guid BookingId { get; set; }

    /// <summary>The case page it was opened from; null from the office's bookings page.</summary>
    public Guid? CaseId { get; set; }

    public AttachmentAccessAction Action { get; set; }

    public Guid? StaffId { get; set; }

    public required string StaffName { get; set; }

    /// <summary>The reader's roles at the time, comma-separated.</summary>
    public required string Roles { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class AttachmentAccessConfiguration : IEntityTypeConfiguration<AttachmentAccess>
{
    public void Configure(EntityTypeBuilder<AttachmentAccess> builder)
    {
        builder.ToTable("attachment_access_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.StaffName).HasMaxLength(200);
        builder.Property(a => a.Roles).HasMaxLength(200);
        builder.HasIndex(a => a.AttachmentId);
        builder.HasIndex(a => a.At);
    }
}

/// <summary>Who asks for an attachment, from the signed-in principal (never from what the request claims).</summary>
internal sealed record AttachmentReader(Guid? StaffId, string Name, IReadOnlyList<string> Roles)
{
    public static AttachmentReader From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new AttachmentReader(id, user.Identity?.Name ?? "?", roles);
    }
}

/// <summary>
/// Which bookings' attachments a reader reaches, decided by the calling page from server-side state: the office
/// roles reach every booking; a case page reaches only the booking its case was made from, and only for someone who
/// may see that case (<see cref="Nothing"/> otherwise, so the refusal is logged like any other access).
/// </summary>
internal sealed record AttachmentScope(bool AnyBooking, Guid? BookingId, Guid? CaseId)
{
    public static readonly AttachmentScope Office = new(true, null, null);

    public static AttachmentScope ForCase(Guid caseId, Guid? bookingId) => new(false, bookingId, caseId);

    public static AttachmentScope Nothing(Guid? caseId) => new(false, null, caseId);

    public bool Reaches(Guid bookingId) => AnyBooking || BookingId == bookingId;
}

/// <summary>What a page lists of an attachment; of a sealed one, that it exists, its type and size.</summary>
internal sealed record AttachmentListing(Guid Id, Guid BookingId, string FileName, string ContentType, long Length, bool Sealed);

/// <summary>One line of the attachment access log as auditors read it.</summary>
internal sealed record AttachmentAccessRow(DateTimeOffset At, string StaffName, string Roles, AttachmentAccessAction Action, string? BookingCode, string? FileName, Guid? CaseId);

internal enum AttachmentOpeningStatus
{
    Served,
    NotFound,
    Refused,
}

/// <summary>The outcome of asking for an attachment; <see cref="File"/> is set only when served.</summary>
internal sealed record AttachmentOpening(AttachmentOpeningStatus Status, AttachmentAccessAction? Action = null, BookingAttachment? File = null);

/// <summary>
/// Serves a booking's attachments to staff: a plain file inline for viewing (or as a download when asked), a sealed
/// file never opened, only its <c>.sealed</c> bytes (docs/adr/0081); every access, refusals included, is written to
/// <c>attachment_access_log</c> before anything is sent (docs/adr/0095).
/// </summary>
internal sealed partial class BookingAttachments(SchedulingDbContext db, WardClock clock, ILogger<BookingAttachments> logger)
{
    /// <summary>
    /// Nothing may run in the document, and it lives in an opaque origin (<c>sandbox</c>: no cookies, no same-origin
    /// requests, no forms), so a hostile PDF or image reaches nothing of the app. Chromium's image page and PDF viewer
    /// work under it: checked with Debian's Chromium (the end-to-end test looks at the rendered PDF page).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";

    /// <summary>Whether a link's <c>download</c> value asks for a download (<c>?download=1</c>, as the pages write it).</summary>
    public static bool WantsDownload(string? download) => download is "1" || string.Equals(download, "true", StringComparison.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<AttachmentListing>> ListAsync(Guid bookingId, CancellationToken cancellationToken) =>
        await db.BookingAttachments.AsNoTracking().Where(a => a.BookingId == bookingId).OrderBy(a => a.Id)
            .Select(a => new AttachmentListing(a.Id, a.BookingId, a.FileName, a.ContentType, a.Length, a.SealKeyFingerprint != null))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The attachment if <paramref name="scope"/> reaches its booking, with the access logged; a refusal is logged too
    /// (a row and a warning). An unknown id logs nothing: there is nothing whose access to record.
    /// </summary>
    public async Task<AttachmentOpening> OpenAsync(Guid id, bool download, AttachmentScope scope, AttachmentReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(reader);
        var file = await db.BookingAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (file is null)
        {
            return new AttachmentOpening(AttachmentOpeningStatus.NotFound);
        }

        var action = !scope.Reaches(file.BookingId) ? AttachmentAccessAction.Refused
            : file.IsSealed ? AttachmentAccessAction.SealedDownload
            : download ? AttachmentAccessAction.Download
            : AttachmentAccessAction.View;
        db.AttachmentAccessLog.Add(new AttachmentAccess
        {
            AttachmentId = file.Id,
            BookingId = file.BookingId,
            CaseId = scope.CaseId,
            Action = action,
            StaffId = reader.StaffId,
            StaffName = Truncate(reader.Name),
            Roles = Truncate(string.Join(',', reader.Roles)),
            At = clock.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);

        if (action == AttachmentAccessAction.Refused)
        {
            LogRefused(file.Id, reader.StaffId, scope.CaseId);
            return new AttachmentOpening(AttachmentOpeningStatus.Refused, action);
        }

        LogServed(file.Id, action, reader.StaffId);
        return new AttachmentOpening(AttachmentOpeningStatus.Served, action, file);
    }

    /// <summary>The latest accesses, newest first, with the booking's code and the file's name when they still exist.</summary>
    public async Task<IReadOnlyList<AttachmentAccessRow>> RecentAccessesAsync(int take, CancellationToken cancellationToken) =>
        await (from a in db.AttachmentAccessLog.AsNoTracking()
               join f in db.BookingAttachments on a.AttachmentId equals f.Id into files
               from f in files.DefaultIfEmpty()
               join b in db.Bookings on a.BookingId equals b.Id into bookings
               from b in bookings.DefaultIfEmpty()
               orderby a.At descending, a.Id descending
               select new AttachmentAccessRow(a.At, a.StaffName, a.Roles, a.Action, b == null ? null : b.Code, f == null ? null : f.FileName, a.CaseId))
            .Take(take).ToListAsync(cancellationToken);

    /// <summary>
    /// The HTTP answer for a served attachment: inline with the stored type for viewing, or as a download; a sealed
    /// file always as opaque <c>.sealed</c> bytes. Never cached, never sniffed, nothing in it may run.
    /// </summary>
    public static IActionResult ToResult(AttachmentOpening opening, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(response);
        var file = opening.File ?? throw new InvalidOperationException("Only a served attachment has an answer.");
        var sealedFile = opening.Action == AttachmentAccessAction.SealedDownload;
        var disposition = new ContentDispositionHeaderValue(opening.Action == AttachmentAccessAction.View ? "inline" : "attachment");
        // filename (ASCII, escaped) for old clients and filename* (RFC 5987, UTF-8) for the Vietnamese name.
        disposition.SetHttpFileName(sealedFile ? file.FileName + SealedFile.Extension : file.FileName);
        var headers = response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Referrer-Policy"] = "no-referrer";
        return new FileContentResult(file.Content, sealedFile ? "application/octet-stream" : file.ContentType);
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} refused to staff {StaffId} (case {CaseId})")]
    private partial void LogRefused(Guid attachmentId, Guid? staffId, Guid? caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} served as {Action} to staff {StaffId}")]
    private partial void LogServed(Guid attachmentId, AttachmentAccessAction action, Guid? staffId);
}
