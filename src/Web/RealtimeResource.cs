namespace DaoVien.OnlineReception.Web;

/// <summary>
/// Marker for the online reception pages' texts (Pages/Reception, Pages/Console and the strings their scripts show) in
/// <c>Resources/RealtimeResource.resx</c> (Vietnamese, the neutral culture). The scripts get the <c>Js.*</c> entries
/// from the page (<c>Pages/Reception/_RealtimeTexts.cshtml</c>).
/// </summary>
public sealed class RealtimeResource;
