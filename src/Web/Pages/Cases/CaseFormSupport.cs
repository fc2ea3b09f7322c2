using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Kernel.Staff;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>One person row of a case or reception form (up to five: a group's representatives).</summary>
internal sealed class PersonInput
{
    [StringLength(200)]
    public string? FullName { get; set; }

    [StringLength(400)]
    public string? Address { get; set; }

    [StringLength(20)]
    [RegularExpression(@"^\d{9,12}$")]
    public string? IdNumber { get; set; }

    [StringLength(30)]
    public string? Phone { get; set; }

    public bool IsRepresentative { get; set; }

    public static List<PersonInput> Blank() => [.. Enumerable.Range(0, 5).Select(_ => new PersonInput())];

    public static IReadOnlyList<ReceptionParticipant> ToParticipants(IEnumerable<PersonInput> rows) =>
        [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.FullName)).Select(r => new ReceptionParticipant(r.FullName!.Trim(), r.Address, r.IdNumber, r.Phone, r.IsRepresentative))];
}

internal static class CaseFormSupport
{
    /// <summary>Staff who can be assigned a case.</summary>
    public static async Task<List<SelectListItem>> AssigneesAsync(IStaffDirectory directory, CancellationToken cancellationToken)
    {
        var members = new Dictionary<Guid, StaffMember>();
        foreach (var role in new[] { StaffRoles.Staff, StaffRoles.Inspector, StaffRoles.Chairman, StaffRoles.ViceChairman, StaffRoles.UnitHead })
        {
            foreach (var m in await directory.ListInRoleAsync(role, cancellationToken))
            {
                members[m.Id] = m;
            }
        }

        return [.. members.Values.OrderBy(m => m.FullName, StringComparer.Ordinal).Select(m => new SelectListItem(m.FullName + " (" + m.UserName + ")", m.Id.ToString()))];
    }
}
