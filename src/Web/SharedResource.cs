namespace DaoVien.OnlineReception.Web;

/// <summary>Marker for the shared user-facing texts in <c>Resources/SharedResource.resx</c> (Vietnamese, the neutral culture).</summary>
public sealed class SharedResource;
