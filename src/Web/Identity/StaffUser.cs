using Microsoft.AspNetCore.Identity;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>A staff account (officials, office staff, inspectors, admins). Citizens have no account.</summary>
internal sealed class StaffUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = "";

    public string? Title { get; set; }

    /// <summary>Đơn vị công tác: the unit of the ward the account works in; the quarterly report groups on-time handling by it.</summary>
    public string? Unit { get; set; }

    /// <summary>A disabled account cannot sign in and its open cookies stop working at the next validation.</summary>
    public bool IsDisabled { get; set; }
}
