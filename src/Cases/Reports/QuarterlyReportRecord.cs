namespace DaoVien.OnlineReception.Cases.Reports;

/// <summary>A generated quarterly report, kept as sent (figures as JSON) so a later edit of a case does not rewrite history.</summary>
internal sealed class QuarterlyReportRecord
{
    public Guid Id { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public bool IsScheduled { get; set; }

    public required string Json { get; set; }
}
