using System.Globalization;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Pages.Booking;

// Sized to the attachment caps (3 files of at most 5 MB each by default, plus one over-cap file that reaches our own
// check and gets a clear sentence); bounded all the same. The posts are limited per client address.
[RequestSizeLimit(MaxBodyBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBodyBytes)]
[EnableRateLimiting(BookingEndpoints.CreateRateLimit)]
internal sealed class IndexModel(PublicCalendar calendar, BookingService bookings, IOptions<SchedulingOptions> options, PublicAddress publicAddress) : PageModel
{
    private const long MaxBodyBytes = 21 * 1024 * 1024;

    public static readonly string[] SubjectAreas = ["Land", "Construction", "Social", "Environment", "Administration", "Other"];

    [BindProperty(SupportsGet = true, Name = "day")]
    public Guid DayId { get; set; }

    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public PublicReceptionDay? Day { get; private set; }

    public BookingReceipt? Receipt { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public int MaxAttachments => options.Value.Bookings.MaxAttachments;

    public int MaxAttachmentMegabytes => options.Value.Bookings.MaxAttachmentBytes / (1024 * 1024);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Day = await calendar.FindAsync(DayId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Day = await calendar.FindAsync(DayId, cancellationToken);
        if (Day is null)
        {
            return Page();
        }

        var uploads = new List<AttachmentUpload>();
        foreach (var file in Input.Attachments ?? [])
        {
            if (file.Length == 0)
            {
                continue;
            }

            // Read at most one byte past the cap: the size check is ours, whatever the request claimed.
            var limit = options.Value.Bookings.MaxAttachmentBytes + 1;
            using var buffer = new MemoryStream();
            await using var stream = file.OpenReadStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            uploads.Add(new AttachmentUpload(file.FileName, buffer.ToArray()));
        }

        _ = TimeOnly.TryParseExact(Input.Slot, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var slot);
        _ = Enum.TryParse<MatterKind>(Input.Kind, out var kind);
        var outcome = await bookings.CreateAsync(new BookingRequest(
            DayId, slot, Input.FullName, Input.CitizenIdNumber, Input.Phone, Input.Email, Input.Address,
            Input.Kind is null ? (MatterKind)(-1) : kind, Input.SubjectArea is null ? null : SubjectName(Input.SubjectArea), Input.Summary,
            Input.PrivacyAcknowledged, Input.Representatives, uploads), cancellationToken);
        if (outcome.Error is { } error)
        {
            Error = error.Message;
            ErrorField = error.Field;
            Day = await calendar.FindAsync(DayId, cancellationToken);
            return Page();
        }

        Receipt = outcome.Value;
        return Page();
    }

    public string AbsoluteLink(string path) => publicAddress.Link(path);

    private string? SubjectName(string key) => SubjectAreas.Contains(key)
        ? HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SchedulingResource>>()["Booking.Subject." + key].Value
        : null;

    internal sealed class BookingInput
    {
        public string? Slot { get; set; }

        public string? FullName { get; set; }

        public string? CitizenIdNumber { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Address { get; set; }

        public string? Kind { get; set; }

        public string? SubjectArea { get; set; }

        public string? Summary { get; set; }

        public List<string>? Representatives { get; set; }

        public List<IFormFile>? Attachments { get; set; }

        public bool PrivacyAcknowledged { get; set; }
    }
}
