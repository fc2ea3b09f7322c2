using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>Publishes the rules' reception days for the coming weeks; idempotent (see <see cref="ReceptionDayPublisher"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class PublishReceptionDaysJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new(nameof(PublishReceptionDaysJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReceptionDayPublisher>().PublishAheadAsync(cancellationToken);
    }
}
