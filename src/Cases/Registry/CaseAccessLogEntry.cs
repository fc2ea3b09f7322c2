namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>Every view of a denunciation case: who looked, when, at what (Luật Tố cáo Art. 47 protection).</summary>
internal sealed class CaseAccessLogEntry
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public required string CaseNumber { get; set; }

    public Guid ViewerId { get; set; }

    public required string ViewerName { get; set; }

    public required string What { get; set; }

    public DateTimeOffset At { get; set; }
}
