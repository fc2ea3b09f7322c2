using System.Net;
using DaoVien.OnlineReception.Kernel.Staff;

namespace DaoVien.OnlineReception.Web.Health;

/// <summary>
/// Who may see how the installation is doing in detail (health check texts, metrics): a signed-in staff member, or
/// a caller on this machine. Behind a trusted reverse proxy the forwarded-headers middleware has already put the
/// real client's address in <see cref="ConnectionInfo.RemoteIpAddress"/>, so the proxy itself does not count as
/// "this machine" for its clients. See docs/adr/0050.
/// </summary>
internal static class OperatorAccess
{
    public static bool IsOperator(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            || (context.User.Identity?.IsAuthenticated == true && StaffRoles.All.Any(context.User.IsInRole));
    }
}
