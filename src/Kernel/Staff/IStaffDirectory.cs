namespace DaoVien.OnlineReception.Kernel.Staff;

/// <summary>An official or staff member, as other modules may know them (no credentials).</summary>
/// <param name="Id">The staff account's id.</param>
/// <param name="UserName">The sign-in name.</param>
/// <param name="FullName">Name shown on pages and in the calendar.</param>
/// <param name="Title">Position, e.g. "Chủ tịch UBND phường".</param>
/// <param name="Unit">
/// The unit the account works in (đơn vị công tác), e.g. "Văn phòng HĐND-UBND", "Phòng Kinh tế, Hạ tầng và Đô thị";
/// null when the administrator has not set one. The quarterly report rates on-time handling per unit by it.
/// </param>
/// <param name="Email">Address for notifications, when known.</param>
/// <param name="Roles">The account's roles (<see cref="StaffRoles"/>).</param>
/// <param name="IsActive">False once an admin disabled the account.</param>
public sealed record StaffMember(Guid Id, string UserName, string FullName, string? Title, string? Unit, string? Email, IReadOnlyList<string> Roles, bool IsActive);

/// <summary>Read access to staff accounts, implemented by the web host (which owns ASP.NET Core Identity).</summary>
public interface IStaffDirectory
{
    /// <summary>The staff member with that id, or null.</summary>
    Task<StaffMember?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Active staff members holding <paramref name="role"/>.</summary>
    Task<IReadOnlyList<StaffMember>> ListInRoleAsync(string role, CancellationToken cancellationToken = default);
}

/// <summary>Look-ups every module needs on top of <see cref="IStaffDirectory"/>.</summary>
public static class StaffDirectoryExtensions
{
    /// <summary>
    /// Active accounts that may preside over a reception (<see cref="StaffRoles.PresidingRoles"/>, never an
    /// administrator), each once: the chairman first, then vice-chairmen, then heads of units, each by full name. The
    /// choices for a rule's or a day's presiding official.
    /// </summary>
    public static async Task<IReadOnlyList<StaffMember>> ListPresidingAsync(this IStaffDirectory staff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var seen = new HashSet<Guid>();
        var result = new List<StaffMember>();
        foreach (var role in StaffRoles.PresidingRoles)
        {
            foreach (var member in await staff.ListInRoleAsync(role, cancellationToken))
            {
                if (member.IsActive && StaffRoles.MayPreside(member.Roles) && seen.Add(member.Id))
                {
                    result.Add(member);
                }
            }
        }

        return result;
    }
}
