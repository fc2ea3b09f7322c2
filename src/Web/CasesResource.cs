namespace DaoVien.OnlineReception.Web;

/// <summary>Marker for the case-file pages' texts (Resources/CasesResource.resx, neutral = Vietnamese).</summary>
public sealed class CasesResource;
