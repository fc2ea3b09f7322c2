using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DaoVien.OnlineReception.Cases.Reports;

/// <summary>
/// Fires on the first day of each quarter shortly after midnight, ward time — the moment the previous quarter has
/// ended — and stores that quarter's report (once: see <see cref="QuarterlyReportBuilder.StoreScheduledAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class QuarterlyReportJob(QuarterlyReportBuilder builder, WardClock clock, ILogger<QuarterlyReportJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (year, quarter) = QuarterlyReport.Of(clock.Today.AddMonths(-1));
        if (await builder.StoreScheduledAsync(year, quarter, cancellationToken))
        {
            logger.LogInformation("Quarterly report {Year} Q{Quarter} generated", year, quarter);
        }
    }
}
