using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Scheduling.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReceptionCalendarAndBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.CreateTable(
                name: "meetings",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NeedsRescheduling = table.Column<bool>(type: "boolean", nullable: false),
                    DisplacedByReceptionDayId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings", x => x.Id);
                    table.CheckConstraint("ck_meetings_times", "\"EndsAt\" > \"StartsAt\"");
                });

            migrationBuilder.CreateTable(
                name: "official_busy_periods",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficialId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceptionDayId = table.Column<Guid>(type: "uuid", nullable: true),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_official_busy_periods", x => x.Id);
                    table.CheckConstraint("ck_official_busy_periods_source", "(\"ReceptionDayId\" is null) <> (\"MeetingId\" is null)");
                    table.CheckConstraint("ck_official_busy_periods_times", "\"EndsAt\" > \"StartsAt\"");
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reception_days",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleDate = table.Column<DateOnly>(type: "date", nullable: true),
                    MovedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PresidingOfficialId = table.Column<Guid>(type: "uuid", nullable: true),
                    PresidingName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reception_days", x => x.Id);
                    table.CheckConstraint("ck_reception_days_times", "\"EndsAt\" > \"StartsAt\"");
                });

            migrationBuilder.CreateTable(
                name: "reception_rules",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Recurrence = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DayOfWeek = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    DayOfMonth = table.Column<int>(type: "integer", nullable: true),
                    WeekOfMonth = table.Column<int>(type: "integer", nullable: true),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    PresidingOfficialId = table.Column<Guid>(type: "uuid", nullable: true),
                    PresidingRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reception_rules", x => x.Id);
                    table.CheckConstraint("ck_reception_rules_presiding", "\"PresidingOfficialId\" is not null or \"PresidingRole\" is not null");
                    table.CheckConstraint("ck_reception_rules_slots", "\"SlotMinutes\" between 5 and 240 and \"Capacity\" >= 1");
                    table.CheckConstraint("ck_reception_rules_times", "\"EndTime\" > \"StartTime\"");
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    JoinTokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ReceptionDayId = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    SlotEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectArea = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CitizenIdNumber = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Representatives = table.Column<string>(type: "jsonb", nullable: true),
                    RepresentativeCount = table.Column<int>(type: "integer", nullable: false),
                    SealedIdentity = table.Column<string>(type: "text", nullable: true),
                    SealKeyFingerprint = table.Column<string>(type: "text", nullable: true),
                    PrivacyAcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReminderQueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.Id);
                    table.CheckConstraint("ck_bookings_representatives", "\"RepresentativeCount\" between 1 and 5");
                    table.CheckConstraint("ck_bookings_sealed_identity", "\"SealedIdentity\" is null or (\"FullName\" is null and \"CitizenIdNumber\" is null and \"Phone\" is null and \"Email\" is null and \"Address\" is null and \"Representatives\" is null)");
                    table.ForeignKey(
                        name: "FK_bookings_reception_days_ReceptionDayId",
                        column: x => x.ReceptionDayId,
                        principalSchema: "scheduling",
                        principalTable: "reception_days",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "booking_attachments",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_booking_attachments_bookings_BookingId",
                        column: x => x.BookingId,
                        principalSchema: "scheduling",
                        principalTable: "bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_booking_attachments_BookingId",
                schema: "scheduling",
                table: "booking_attachments",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_Code",
                schema: "scheduling",
                table: "bookings",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_JoinTokenHash",
                schema: "scheduling",
                table: "bookings",
                column: "JoinTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_bookings_active_slot",
                schema: "scheduling",
                table: "bookings",
                columns: new[] { "ReceptionDayId", "SlotStart" },
                unique: true,
                filter: "\"Status\" in ('Pending', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_OfficialId_StartsAt",
                schema: "scheduling",
                table: "meetings",
                columns: new[] { "OfficialId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_official_busy_periods_MeetingId",
                schema: "scheduling",
                table: "official_busy_periods",
                column: "MeetingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_official_busy_periods_ReceptionDayId",
                schema: "scheduling",
                table: "official_busy_periods",
                column: "ReceptionDayId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_CreatedAt",
                schema: "scheduling",
                table: "outbox_messages",
                column: "CreatedAt",
                filter: "\"SentAt\" is null");

            migrationBuilder.CreateIndex(
                name: "IX_reception_days_Date",
                schema: "scheduling",
                table: "reception_days",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_reception_days_RuleId_RuleDate",
                schema: "scheduling",
                table: "reception_days",
                columns: new[] { "RuleId", "RuleDate" },
                unique: true,
                filter: "\"RuleId\" is not null");

            // An official cannot be in two places: reception days and meetings share one busy-period table whose
            // rows may not overlap for the same official (half-open ranges: back-to-back is fine).
            migrationBuilder.Sql("""
                ALTER TABLE scheduling.official_busy_periods
                ADD CONSTRAINT ex_official_busy_periods_overlap
                EXCLUDE USING gist ("OfficialId" WITH =, tstzrange("StartsAt", "EndsAt", '[)') WITH &&);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_attachments",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "meetings",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "official_busy_periods",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "reception_rules",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "bookings",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "reception_days",
                schema: "scheduling");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,");
        }
    }
}
