using System.Globalization;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using DaoVien.OnlineReception.Web.Forms;
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
internal sealed class IndexModel(PublicCalendar calendar, BookingService bookings, IOptions<SchedulingOptions> options, PublicAddress publicAddress, HeldUploads held) : PageModel
{
    private const long MaxBodyBytes = 21 * 1024 * 1024;

    public static readonly string[] SubjectAreas = ["Land", "Construction", "Social", "Environment", "Administration", "Other"];

    [BindProperty(SupportsGet = true, Name = "day")]
    public Guid DayId { get; set; }

    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public PublicReceptionDay? Day { get; private set; }

    public BookingReceipt? Receipt { get; private set; }

    /// <summary>Every mistake of the last post, in the form's order; empty when there was none.</summary>
    public IReadOnlyList<SchedulingError> Errors { get; private set; } = [];

    /// <summary>The files chosen before the form came back, kept so they need not be chosen again.</summary>
    public IReadOnlyList<HeldUpload> HeldFiles { get; private set; } = [];

    /// <summary>The token under which <see cref="HeldFiles"/> are kept.</summary>
    public string? HeldToken { get; private set; }

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

        // The files kept from the last try (unless the citizen unticked them), then the newly chosen ones.
        var chosen = held.Peek(Input.HeldToken).Where((_, i) => Input.KeepHeld?.Contains(i) == true).ToList();
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

            chosen.Add(new HeldUpload(file.FileName, buffer.ToArray()));
        }

        _ = TimeOnly.TryParseExact(Input.Slot, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var slot);
        _ = Enum.TryParse<MatterKind>(Input.Kind, out var kind);
        var outcome = await bookings.CreateAsync(new BookingRequest(
            DayId, slot, Input.FullName, Input.CitizenIdNumber, Input.Phone, Input.Email, Input.Address,
            Input.Kind is null ? (MatterKind)(-1) : kind, Input.SubjectArea is null ? null : SubjectName(Input.SubjectArea), Input.Summary,
            Input.PrivacyAcknowledged, Input.Representatives, [.. chosen.Select(f => new AttachmentUpload(f.FileName, f.Content))]), cancellationToken);
        if (outcome.Error is { } error)
        {
            Errors = error.All;
            // A refused file is not kept: the citizen is told which one, and chooses another.
            HeldFiles = [.. chosen.Where(f => f.Content.Length <= options.Value.Bookings.MaxAttachmentBytes && AttachmentInspector.Inspect(f.Content) is not null)];
            HeldToken = held.Hold(HeldFiles, Input.HeldToken);
            HeldFiles = HeldToken is null ? [] : HeldFiles;
            Day = await calendar.FindAsync(DayId, cancellationToken);
            return Page();
        }

        held.Release(Input.HeldToken);
        Receipt = outcome.Value;
        return Page();
    }

    public string AbsoluteLink(string path) => publicAddress.Link(path);

    /// <summary>The sentence for <paramref name="field"/> (the service's field name), or null when it is right.</summary>
    /// <param name="field">The field as the booking service names it.</param>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The id of <paramref name="field"/>'s sentence for <c>aria-describedby</c>, or null (no attribute) when it is right.</summary>
    /// <param name="field">The field as the booking service names it.</param>
    public string? DescribedBy(string field) => ErrorFor(field) is null ? null : "error-" + field;

    /// <summary>"true" for <c>aria-invalid</c>, or null (no attribute) when <paramref name="field"/> is right.</summary>
    /// <param name="field">The field as the booking service names it.</param>
    public string? Invalid(string field) => ErrorFor(field) is null ? null : "true";

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

        /// <summary>The token of the files kept from the last try.</summary>
        public string? HeldToken { get; set; }

        /// <summary>Which of the kept files (by position) the citizen still wants attached.</summary>
        public List<int>? KeepHeld { get; set; }

        public bool PrivacyAcknowledged { get; set; }
    }
}
