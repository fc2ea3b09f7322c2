namespace DaoVien.OnlineReception.Web;

/// <summary>Marker for the recordings pages' texts in <c>Resources/RecordingsResource.resx</c> (Vietnamese, the neutral culture).</summary>
public sealed class RecordingsResource;
