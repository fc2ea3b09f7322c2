namespace DaoVien.OnlineReception.Kernel.Legal;

/// <summary>
/// Legal numbers more than one module encodes (in settings' bounds and in database check constraints), kept once. A
/// number only one module uses stays with that module's options; see docs/domain.md for every rule and its source.
/// </summary>
public static class LegalLimits
{
    /// <summary>
    /// The most representatives a group of complainants, denouncers or petitioners sends to one reception: Nghị định
    /// 124/2020/NĐ-CP Art. 7 (formerly NĐ 75/2012 Art. 5): 5–10 people appoint 1 or 2, more than 10 may appoint more
    /// but at most 5. Bookings, lobby entries and case persons are capped at this in the database; the setting
    /// <c>Ward:Representatives:MaxRepresentatives</c> can only lower it. Raising it needs a migration in each of them.
    /// </summary>
    public const int MaxRepresentatives = 5;
}
