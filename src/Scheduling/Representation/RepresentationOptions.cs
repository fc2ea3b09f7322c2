using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Kernel.Legal;

namespace DaoVien.OnlineReception.Scheduling.Representation;

/// <summary>
/// How many representatives a group of complainants, denouncers or petitioners sends (section
/// <c>Ward:Representatives</c>): Nghị định 124/2020/NĐ-CP Art. 7 (formerly NĐ 75/2012 Art. 5) — 5 to 10 people
/// appoint 1 or 2, more than 10 may appoint more but at most 5. DOMAIN.md marks the row *check*, so every number is a
/// setting; the legal ceiling itself is <see cref="LegalLimits.MaxRepresentatives"/>, which the database enforces, so
/// these settings can only lower it. Bookings, case files, the reception book and the session's lobby read them.
/// </summary>
public sealed class RepresentationOptions
{
    public const string Section = "Ward:Representatives";

    /// <summary>A group of at least this many people must speak through representatives.</summary>
    [Range(2, 50)]
    public int GroupFrom { get; set; } = 5;

    /// <summary>Up to this many people, the group appoints at most <see cref="SmallGroupMaxRepresentatives"/>.</summary>
    [Range(2, 100)]
    public int SmallGroupTo { get; set; } = 10;

    [Range(1, LegalLimits.MaxRepresentatives)]
    public int SmallGroupMaxRepresentatives { get; set; } = 2;

    /// <summary>The most representatives any group sends (also the most citizens in one session).</summary>
    [Range(1, LegalLimits.MaxRepresentatives)]
    public int MaxRepresentatives { get; set; } = LegalLimits.MaxRepresentatives;

    /// <summary>
    /// The most persons that may speak for <paramref name="people"/> people: below <see cref="GroupFrom"/> each speaks
    /// for themselves (still at most <see cref="MaxRepresentatives"/> in one reception).
    /// </summary>
    public int MaxFor(int people) =>
        people < GroupFrom ? Math.Clamp(people, 1, MaxRepresentatives)
        : people <= SmallGroupTo ? SmallGroupMaxRepresentatives
        : MaxRepresentatives;

    /// <summary>The rule in words, for error messages and the case history.</summary>
    public string Describe(int people) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Nghị định 124/2020/NĐ-CP Điều 7: nhóm {people} người cử tối đa {MaxFor(people)} người đại diện");

    /// <summary>Cross-field check run at start (a bad setting fails there, not at the first group).</summary>
    public bool IsConsistent => SmallGroupTo >= GroupFrom && SmallGroupMaxRepresentatives <= MaxRepresentatives;
}
