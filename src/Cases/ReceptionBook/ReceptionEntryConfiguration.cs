using DaoVien.OnlineReception.Cases.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.ReceptionBook;

internal sealed class ReceptionEntryConfiguration : IEntityTypeConfiguration<ReceptionEntry>
{
    public void Configure(EntityTypeBuilder<ReceptionEntry> builder)
    {
        builder.ToTable("receptions", t =>
        {
            t.HasCheckConstraint("ck_reception_sealed_no_plain", "\"SealedIdentity\" IS NULL OR (\"CitizenName\" IS NULL AND \"CitizenAddress\" IS NULL AND \"CitizenIdNumber\" IS NULL AND \"CitizenIdHash\" IS NULL AND \"CitizenPhone\" IS NULL)");
            t.HasCheckConstraint("ck_reception_people", "\"PeopleCount\" >= 1");
        });
        builder.HasKey(r => r.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RefusalGround).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.CitizenName).HasMaxLength(1200);
        builder.Property(r => r.CitizenAddress).HasMaxLength(400);
        builder.Property(r => r.CitizenIdNumber).HasMaxLength(20);
        builder.Property(r => r.CitizenPhone).HasMaxLength(30);
        builder.Property(r => r.SealedIdentity).HasMaxLength(8000);
        builder.Property(r => r.CitizenIdHash).HasMaxLength(64);
        builder.Property(r => r.Content).HasMaxLength(4000);
        builder.Property(r => r.SubjectArea).HasMaxLength(100);
        builder.Property(r => r.PreviouslyHandledBy).HasMaxLength(300);
        builder.Property(r => r.GuidedTo).HasMaxLength(ReceptionRecord.GuidedToMaxLength);
        builder.Property(r => r.FollowUp).HasMaxLength(1000);
        builder.Property(r => r.Notes).HasMaxLength(2000);
        builder.HasIndex(r => r.Date);
        builder.HasIndex(r => r.SessionId);
        builder.Ignore(r => r.IsSealed);
    }
}
