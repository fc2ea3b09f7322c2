using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Reclassification;

/// <summary>
/// One corrected fact of a case: who, when, which field, old → new, why. Rows are never updated nor deleted (a
/// trigger refuses it) except once, one way: when the case becomes a denunciation its person rows are sealed, so no
/// plain identity stays in the history (docs/adr/0084). A sealed row's values and reason are <c>ds1.…</c> values
/// the offline tool opens.
/// </summary>
internal sealed class CaseChange
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>What changed: <see cref="CaseChangeField"/>.</summary>
    public CaseChangeField Field { get; set; }

    /// <summary>For a person: the position on the case (1–5); for a deadline: its kind's number; otherwise 0.</summary>
    public int Item { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public required string Reason { get; set; }

    public bool Sealed { get; set; }

    public string? SealingKeyFingerprint { get; set; }
}

internal enum CaseChangeField
{
    Kind = 0,
    Complexity = 1,
    Instance = 2,
    RemoteArea = 3,
    PersonAdded = 4,
    PersonCorrected = 5,
    PersonRemoved = 6,
    Deadline = 7,

    /// <summary>The case became a denunciation: identities, book row, booking and minutes were sealed.</summary>
    Sealing = 8,
}

internal sealed class CaseChangeConfiguration : IEntityTypeConfiguration<CaseChange>
{
    public const string Table = "case_changes";

    public void Configure(EntityTypeBuilder<CaseChange> builder)
    {
        builder.ToTable(Table, t => t.HasCheckConstraint("ck_case_change_sealed_key", "NOT \"Sealed\" OR \"SealingKeyFingerprint\" IS NOT NULL"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.ActorName).HasMaxLength(200);
        builder.Property(c => c.Field).HasConversion<string>().HasMaxLength(20);
        // Sealed values are JSON sealed with the key: far longer than the plain text they hold.
        builder.Property(c => c.OldValue).HasMaxLength(8000);
        builder.Property(c => c.NewValue).HasMaxLength(8000);
        builder.Property(c => c.Reason).HasMaxLength(4000);
        builder.Property(c => c.SealingKeyFingerprint).HasMaxLength(32);
        builder.HasIndex(c => new { c.CaseId, c.At });
        builder.HasOne<CaseFile>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
