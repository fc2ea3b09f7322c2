using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>Sends what is pending in the outbox; a double or missed fire only changes when a message goes out.</summary>
[DisallowConcurrentExecution]
internal sealed class DispatchOutboxJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new(nameof(DispatchOutboxJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxSender>().DeliverPendingAsync(100, cancellationToken);
    }
}
