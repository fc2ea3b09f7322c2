using System.Globalization;
using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

internal sealed record AttachmentJson(string? FileName, string? ContentBase64);

internal sealed record BookingJson(
    Guid ReceptionDayId, string? SlotStart, string? FullName, string? CitizenIdNumber, string? Phone, string? Email, string? Address,
    string? Kind, string? SubjectArea, string? Summary, bool PrivacyAcknowledged, List<string>? Representatives, List<AttachmentJson>? Attachments);

internal sealed record ReasonJson(string? Reason);

internal static class BookingEndpoints
{
    public const string LookupRateLimit = "booking-lookup";

    /// <summary>Rate-limit policy of booking creation (POST only; the booking page's GET is not limited).</summary>
    public const string CreateRateLimit = "booking-create";

    public static void MapBookings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/bookings", async ([FromBody] BookingJson body, BookingService bookings, CancellationToken ct) =>
        {
            if (!TimeOnly.TryParseExact(body.SlotStart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var slot))
            {
                return SchedulingError.Invalid("Booking.NoSuchSlot", "slotStart").ToProblem();
            }

            if (!Enum.TryParse<MatterKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                return SchedulingError.Invalid("Booking.BadKind", "kind").ToProblem();
            }

            var uploads = new List<AttachmentUpload>();
            foreach (var a in body.Attachments ?? [])
            {
                var bytes = new byte[((a.ContentBase64?.Length ?? 0) * 3 / 4) + 3];
                if (!Convert.TryFromBase64String(a.ContentBase64 ?? "", bytes, out var written))
                {
                    return SchedulingError.Invalid("Booking.AttachmentType", "attachments", a.FileName).ToProblem();
                }

                uploads.Add(new AttachmentUpload(a.FileName, bytes[..written]));
            }

            var outcome = await bookings.CreateAsync(new BookingRequest(
                body.ReceptionDayId, slot, body.FullName, body.CitizenIdNumber, body.Phone, body.Email, body.Address, kind,
                body.SubjectArea, body.Summary, body.PrivacyAcknowledged, body.Representatives, uploads), ct);
            if (outcome.Error is { } error)
            {
                return error.ToProblem();
            }

            var r = outcome.Value!;
            return Results.Created($"/api/bookings/{r.Code}", new
            {
                id = r.Id,
                code = r.Code,
                joinToken = r.JoinToken,
                joinPath = r.JoinPath,
                date = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                slotStart = r.SlotStart.ToString("HH:mm", CultureInfo.InvariantCulture),
                slotEnd = r.SlotEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
                status = "pending",
            });
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(CreateRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(MaxApiBodyBytes(endpoints)));

        endpoints.MapGet("/api/bookings/{code}", async (string code, SchedulingDbContext db, CancellationToken ct) =>
        {
            var normalized = JoinTokens.NormalizeCode(code);
            var row = await (from b in db.Bookings.AsNoTracking()
                             join d in db.ReceptionDays.AsNoTracking() on b.ReceptionDayId equals d.Id
                             where b.Code == normalized
                             select new { b.Code, b.Status, d.Date, b.SlotStart, b.SlotEnd, b.RejectionReason, d.Place, DayCancelled = d.CancelReason }).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                return SchedulingError.NotFound("Booking.CodeNotFound").ToProblem();
            }

            return Results.Ok(new
            {
                code = row.Code,
                status = row.Status.ToString().ToLowerInvariant(),
                date = row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                slotStart = row.SlotStart.ToString("HH:mm", CultureInfo.InvariantCulture),
                slotEnd = row.SlotEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
                place = row.Place,
                rejectionReason = row.RejectionReason,
                cancellationReason = row.DayCancelled,
            });
        }).AllowAnonymous().RequireRateLimiting(LookupRateLimit);

        var office = endpoints.MapGroup("/api/bookings").RequireAuthorization(SchedulingModule.OfficePolicy).DisableAntiforgery();
        office.MapGet("/", async (string? date, IBookingDirectory directory, WardClock clock, CancellationToken ct) =>
        {
            var day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : clock.Today;
            return Results.Ok(await directory.ListForDateAsync(day, ct));
        });
        office.MapPost("/{id:guid}/confirm", async (Guid id, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) =>
        {
            var outcome = await bookings.ConfirmAsync(id, user.Identity?.Name ?? "?", ct);
            return outcome.Error?.ToProblem() ?? Results.Ok(new { id, status = "confirmed" });
        });
        office.MapPost("/{id:guid}/reject", async (Guid id, [FromBody] ReasonJson body, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) =>
        {
            var outcome = await bookings.RejectAsync(id, body.Reason, user.Identity?.Name ?? "?", ct);
            return outcome.Error?.ToProblem() ?? Results.Ok(new { id, status = "rejected" });
        });
    }

    /// <summary>
    /// The largest booking body the API reads: the attachment caps in base64 (4/3) plus room for the form's text.
    /// Anything larger is refused by the server before it is buffered.
    /// </summary>
    public static long MaxApiBodyBytes(IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value.Bookings;
        return ((long)settings.MaxAttachments * settings.MaxAttachmentBytes * 4 / 3) + (64 * 1024);
    }
}
