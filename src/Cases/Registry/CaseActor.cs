using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Staff;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>
/// Who acts on a case; <see cref="Id"/> null means the system (intake wiring, sweeps). <see cref="MayChangeKind"/>:
/// the Chairman and the Inspector decide which law a matter falls under (docs/adr/0084).
/// </summary>
internal sealed record CaseActor(Guid? Id, string Name, bool SeesAllCases, bool CanReadAccessLog, bool MayChangeKind = false)
{
    public static readonly CaseActor System = new(null, "Hệ thống", SeesAllCases: true, CanReadAccessLog: false, MayChangeKind: true);

    /// <summary>Inspector and Chairman see every case; Staff only the cases assigned to them.</summary>
    public static CaseActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        return new CaseActor(
            id,
            user.Identity?.Name ?? "?",
            user.IsInRole(StaffRoles.Chairman) || user.IsInRole(StaffRoles.Inspector),
            user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Inspector),
            user.IsInRole(StaffRoles.Chairman) || user.IsInRole(StaffRoles.Inspector));
    }

    public bool CanSee(CaseFile file) => SeesAllCases || (Id is { } id && file.AssigneeId == id);

    public IQueryable<CaseFile> Visible(IQueryable<CaseFile> cases) =>
        SeesAllCases ? cases : Id is { } id ? cases.Where(c => c.AssigneeId == id) : cases.Where(_ => false);
}
