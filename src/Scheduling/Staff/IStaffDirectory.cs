namespace DaoVien.OnlineReception.Scheduling.Staff;

/// <summary>An official or staff member, as other modules may know them (no credentials).</summary>
/// <param name="Id">The staff account's id.</param>
/// <param name="UserName">The sign-in name.</param>
/// <param name="FullName">Name shown on pages and in the calendar.</param>
/// <param name="Title">Position, e.g. "Chủ tịch UBND phường".</param>
/// <param name="Email">Address for notifications, when known.</param>
/// <param name="Roles">The account's roles (<see cref="StaffRoles"/>).</param>
/// <param name="IsActive">False once an admin disabled the account.</param>
public sealed record StaffMember(Guid Id, string UserName, string FullName, string? Title, string? Email, IReadOnlyList<string> Roles, bool IsActive);

/// <summary>Read access to staff accounts, implemented by the web host (which owns ASP.NET Core Identity).</summary>
public interface IStaffDirectory
{
    /// <summary>The staff member with that id, or null.</summary>
    Task<StaffMember?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Active staff members holding <paramref name="role"/>.</summary>
    Task<IReadOnlyList<StaffMember>> ListInRoleAsync(string role, CancellationToken cancellationToken = default);
}
