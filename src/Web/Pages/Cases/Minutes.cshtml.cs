using DaoVien.OnlineReception.Cases.Minutes;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>
/// The minutes of a session: state, log, download (logged), and the presiding official's confirmation (logged).
/// Who may read is decided by the minutes service against the case; not allowed and not found look the same.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.AnyStaff)]
internal sealed class MinutesModel(SessionMinutesService minutes, WardClock clock) : PageModel
{
    public TimeZoneInfo Zone => clock.Zone;

    public SessionMinutesRecord Record { get; private set; } = null!;

    public bool CanConfirm { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        if (await minutes.FindForAsync(id, actor, cancellationToken) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        CanConfirm = record.ConfirmedAt is null && actor.Id == record.PresidingOfficialId;
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken cancellationToken) =>
        await minutes.DownloadAsync(id, CaseActor.From(User), cancellationToken) is { } file
            ? File(file.Content, file.ContentType, file.FileName)
            : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await minutes.ConfirmAsync(id, CaseActor.From(User), cancellationToken))
        {
            return NotFound();
        }

        Message = "Đã xác nhận biên bản.";
        return RedirectToPage(new { id });
    }
}
