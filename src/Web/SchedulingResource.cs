namespace DaoVien.OnlineReception.Web;

/// <summary>Marker for the scheduling pages' texts in <c>Resources/SchedulingResource.resx</c> (Vietnamese, the neutral culture).</summary>
public sealed class SchedulingResource;
