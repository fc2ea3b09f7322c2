using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Scheduling.ReceptionRules;

/// <summary>
/// One change of a rule's "record sessions" switch: who, when, from what to what (docs/adr/0082). A rule created
/// with recording off is a change from nothing (<see cref="OldValue"/> null).
/// </summary>
internal sealed class RecordingSwitchChange
{
    public long Id { get; set; }

    public Guid RuleId { get; set; }

    /// <summary>The rule's name at the time (rules are renamed rarely, but the log must read on its own).</summary>
    public required string RuleName { get; set; }

    public bool? OldValue { get; set; }

    public bool NewValue { get; set; }

    public Guid? ChangedBy { get; set; }

    public required string ChangedByName { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class RecordingSwitchChangeConfiguration : IEntityTypeConfiguration<RecordingSwitchChange>
{
    public void Configure(EntityTypeBuilder<RecordingSwitchChange> builder)
    {
        builder.ToTable("recording_switch_log");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.RuleName).HasMaxLength(200);
        builder.Property(c => c.ChangedByName).HasMaxLength(200);
        builder.HasIndex(c => c.ChangedAt);
        builder.HasOne<ReceptionRule>().WithMany().HasForeignKey(c => c.RuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Switches recording of a rule's sessions on or off. Whether sessions are recorded decides whether evidence exists
/// at all, so only the Chairman (who answers for the ward's receptions, Luật Tiếp công dân Art. 15) may switch it,
/// and every change is logged in the same transaction as the change itself.
/// </summary>
internal sealed partial class RecordingSwitch(SchedulingDbContext db, WardClock clock, ILogger<RecordingSwitch> logger)
{
    /// <summary>The only role allowed to change the switch.</summary>
    public const string Role = StaffRoles.Chairman;

    /// <summary>Sets the switch; false when the rule does not exist. Setting the value it already has logs nothing.</summary>
    public async Task<bool> SetAsync(Guid ruleId, bool record, Guid? staffId, string staffName, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The conditional update is the read of the old value: two concurrent switches cannot both log the same change.
        var changed = await db.ReceptionRules.Where(r => r.Id == ruleId && r.RecordSessions != record)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.RecordSessions, record).SetProperty(r => r.UpdatedAt, clock.UtcNow), cancellationToken);
        var name = await db.ReceptionRules.Where(r => r.Id == ruleId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return false;
        }

        if (changed == 1)
        {
            db.RecordingSwitchLog.Add(Entry(ruleId, name, !record, record, staffId, staffName));
            await db.SaveChangesAsync(cancellationToken);
            LogSwitched(ruleId, record, staffName);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A rule created by a person with recording off is logged like a switch from nothing (saved with the rule).</summary>
    public void LogCreatedUnrecorded(ReceptionRule rule, Guid? staffId, string staffName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        db.RecordingSwitchLog.Add(Entry(rule.Id, rule.Name, null, rule.RecordSessions, staffId, staffName));
    }

    public async Task<IReadOnlyList<RecordingSwitchChange>> RecentAsync(int count, CancellationToken cancellationToken) =>
        await db.RecordingSwitchLog.AsNoTracking().OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(count).ToListAsync(cancellationToken);

    private RecordingSwitchChange Entry(Guid ruleId, string name, bool? oldValue, bool newValue, Guid? staffId, string staffName) => new()
    {
        RuleId = ruleId,
        RuleName = name,
        OldValue = oldValue,
        NewValue = newValue,
        ChangedBy = staffId,
        ChangedByName = staffName,
        ChangedAt = clock.UtcNow,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording of reception rule {RuleId} set to {Record} by {StaffName}")]
    private partial void LogSwitched(Guid ruleId, bool record, string staffName);
}
