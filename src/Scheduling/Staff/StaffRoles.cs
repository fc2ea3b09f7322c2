namespace DaoVien.OnlineReception.Scheduling.Staff;

/// <summary>The staff roles every module authorizes against (ASP.NET Core Identity role names).</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Chairman = "Chairman";
    public const string ViceChairman = "ViceChairman";
    public const string Staff = "Staff";
    public const string Inspector = "Inspector";

    /// <summary>Comma-separated, for <c>[Authorize(Roles = ...)]</c>: officials who preside over receptions.</summary>
    public const string Presiding = Chairman + "," + ViceChairman;

    public static readonly IReadOnlyList<string> All = [Admin, Chairman, ViceChairman, Staff, Inspector];
}
