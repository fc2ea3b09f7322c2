using Quartz;

namespace DaoVien.OnlineReception.Cases.Notifications;

/// <summary>Daily at <c>Cases:Reminders:SweepAt</c> (ward time): see <see cref="DeadlineSweep"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class DeadlineSweepJob(DeadlineSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await sweep.RunAsync(cancellationToken);
}
