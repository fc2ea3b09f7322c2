using DaoVien.OnlineReception.Kernel.Staff;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>Who may open the case pages at all; which cases each one sees is decided per case (CaseActor).</summary>
internal static class CasePageRoles
{
    public const string CaseWorkers = StaffRoles.Staff + "," + StaffRoles.Inspector + "," + StaffRoles.Chairman + "," + StaffRoles.ViceChairman + "," + StaffRoles.UnitHead;

    public const string AccessLogReaders = StaffRoles.Admin + "," + StaffRoles.Inspector;
}
