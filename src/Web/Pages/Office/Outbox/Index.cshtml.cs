using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Pages.Office.Outbox;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(SchedulingDbContext db, IOptions<NotificationOptions> options, WardClock clock) : PageModel
{
    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public IReadOnlyList<OutboxMessage> Pending { get; private set; } = [];

    public WardClock Clock => clock;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = await db.Outbox.AsNoTracking().Where(m => m.SentAt == null).OrderBy(m => m.CreatedAt).Take(500).ToListAsync(cancellationToken);
}
