using DaoVien.OnlineReception.Kernel.Staff;

namespace DaoVien.OnlineReception.Realtime.Recordings;

/// <summary>Who may see what of the recordings (roles from <see cref="StaffRoles"/>).</summary>
internal static class RecordingRoles
{
    /// <summary>Play and download archives, attach them to cases, see the queue.</summary>
    public const string Viewers = StaffRoles.Chairman + "," + StaffRoles.ViceChairman + "," + StaffRoles.UnitHead + "," + StaffRoles.Staff + "," + StaffRoles.Inspector;

    /// <summary>Read the access log (who viewed/downloaded what).</summary>
    public const string AccessLogReaders = StaffRoles.Admin + "," + StaffRoles.Inspector;
}
