using DaoVien.OnlineReception.Kernel.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Identity;

internal sealed class StaffDirectory(UserManager<StaffUser> users) : IStaffDirectory
{
    public async Task<StaffMember?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : await ToMemberAsync(user);
    }

    public async Task<IReadOnlyList<StaffMember>> ListInRoleAsync(string role, CancellationToken cancellationToken = default)
    {
        var inRole = await users.GetUsersInRoleAsync(role);
        var result = new List<StaffMember>();
        foreach (var user in inRole.Where(u => !u.IsDisabled).OrderBy(u => u.FullName, StringComparer.Ordinal))
        {
            result.Add(await ToMemberAsync(user));
        }

        return result;
    }

    private async Task<StaffMember> ToMemberAsync(StaffUser user) =>
        new(user.Id, user.UserName ?? "", user.FullName, user.Title, user.Unit, user.Email, [.. await users.GetRolesAsync(user)], !user.IsDisabled);
}
