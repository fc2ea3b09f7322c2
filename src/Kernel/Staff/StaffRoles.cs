using System.Security.Claims;

namespace DaoVien.OnlineReception.Kernel.Staff;

/// <summary>The staff roles every module authorizes against (ASP.NET Core Identity role names).</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Chairman = "Chairman";
    public const string ViceChairman = "ViceChairman";

    /// <summary>
    /// Head of an agency or unit of the ward's People's Committee (thủ trưởng cơ quan, đơn vị thuộc UBND phường): the
    /// ward plan gives them the duty to receive citizens, so they preside over reception days and sessions as a
    /// vice-chairman does.
    /// </summary>
    public const string UnitHead = "UnitHead";

    public const string Staff = "Staff";
    public const string Inspector = "Inspector";

    /// <summary>Comma-separated, for <c>[Authorize(Roles = ...)]</c>: officials who preside over receptions.</summary>
    public const string Presiding = Chairman + "," + ViceChairman + "," + UnitHead;

    /// <summary>The roles of <see cref="Presiding"/>, as a list.</summary>
    public static readonly IReadOnlyList<string> PresidingRoles = [Chairman, ViceChairman, UnitHead];

    public static readonly IReadOnlyList<string> All = [Admin, Chairman, ViceChairman, UnitHead, Staff, Inspector];

    /// <summary>Whether <paramref name="user"/> holds a role that presides over receptions.</summary>
    public static bool MayPreside(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return PresidingRoles.Any(user.IsInRole);
    }

    /// <summary>Whether an account with <paramref name="roles"/> may preside: a presiding role, and never an administrator (docs/adr/0079).</summary>
    public static bool MayPreside(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return !roles.Contains(Admin) && PresidingRoles.Any(roles.Contains);
    }
}
