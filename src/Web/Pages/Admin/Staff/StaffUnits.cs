using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Admin.Staff;

/// <summary>The unit an account works in (đơn vị công tác), as the administrator types it.</summary>
internal static class StaffUnits
{
    public const int MaxLength = 200;

    /// <summary>Trimmed and NFC-normalised; empty means none. False for control, bidi or zero-width characters, or too long.</summary>
    public static bool TryClean(string? value, out string? unit)
    {
        if (!TextInput.TryClean(value, false, out unit) || unit?.Length > MaxLength)
        {
            unit = null;
            return false;
        }

        unit = string.IsNullOrEmpty(unit) ? null : unit;
        return true;
    }

    public static async Task<IReadOnlyList<string>> KnownAsync(UserManager<StaffUser> users) =>
        await users.Users.AsNoTracking().Where(u => u.Unit != null).Select(u => u.Unit!).Distinct().OrderBy(u => u).ToListAsync();
}
