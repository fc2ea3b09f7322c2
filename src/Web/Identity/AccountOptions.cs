using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Kernel.Staff;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>Staff account rules (section <c>Accounts</c>); docs/adr/0076.</summary>
internal sealed class AccountOptions : IValidatableObject
{
    public const string Section = "Accounts";

    /// <summary>
    /// Roles (comma-separated) whose accounts must sign in with a second factor (an authenticator app's six-digit
    /// code): such an account enrols at its next sign-in before any staff page opens. Empty → nobody is made to.
    /// </summary>
    public string TwoFactorRequiredRoles { get; set; } = string.Join(',', StaffRoles.Admin, StaffRoles.Chairman, StaffRoles.Inspector);

    /// <summary>The name an authenticator app shows beside the account.</summary>
    [Required]
    [StringLength(60)]
    public string AuthenticatorIssuer { get; set; } = "Tiếp công dân Đào Viên";

    public IReadOnlySet<string> RequiredRoles() =>
        TwoFactorRequiredRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var role in RequiredRoles().Where(r => !StaffRoles.All.Contains(r)))
        {
            yield return new ValidationResult($"Accounts:TwoFactorRequiredRoles names an unknown role '{role}' (known: {string.Join(", ", StaffRoles.All)})", [nameof(TwoFactorRequiredRoles)]);
        }
    }
}
