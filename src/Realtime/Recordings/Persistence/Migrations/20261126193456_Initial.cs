using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Recordings.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "recordings");

            migrationBuilder.CreateTable(
                name: "archive_access_log",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArchiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archive_access_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "archive_jobs",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SessionStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SessionEndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParticipantsJson = table.Column<string>(type: "jsonb", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    Stage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArchiveId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archive_jobs", x => x.Id);
                    table.CheckConstraint("ck_archive_jobs_progress", "\"Progress\" >= 0 AND \"Progress\" <= 1");
                });

            migrationBuilder.CreateTable(
                name: "archive_link_events",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArchiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archive_link_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "archives",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SessionStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SessionEndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MediaStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MediaEndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ParticipantCount = table.Column<int>(type: "integer", nullable: false),
                    GapCount = table.Column<int>(type: "integer", nullable: false),
                    ManifestSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Integrity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IntegrityCheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IntegrityProblem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archives", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "consent_acknowledgments",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TextVersion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consent_acknowledgments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recording_events",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recording_pauses",
                schema: "recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PausedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PausedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ResumedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_pauses", x => x.Id);
                    table.CheckConstraint("ck_recording_pauses_order", "\"ResumedAt\" IS NULL OR \"ResumedAt\" >= \"PausedAt\"");
                });

            migrationBuilder.CreateTable(
                name: "archive_files",
                schema: "recordings",
                columns: table => new
                {
                    ArchiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archive_files", x => new { x.ArchiveId, x.FileName });
                    table.ForeignKey(
                        name: "FK_archive_files_archives_ArchiveId",
                        column: x => x.ArchiveId,
                        principalSchema: "recordings",
                        principalTable: "archives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_archive_access_log_At",
                schema: "recordings",
                table: "archive_access_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_archive_jobs_SessionId",
                schema: "recordings",
                table: "archive_jobs",
                column: "SessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_archive_jobs_State_NextAttemptAt",
                schema: "recordings",
                table: "archive_jobs",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_archive_link_events_ArchiveId",
                schema: "recordings",
                table: "archive_link_events",
                column: "ArchiveId");

            migrationBuilder.CreateIndex(
                name: "IX_archives_CaseId",
                schema: "recordings",
                table: "archives",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_archives_SessionId",
                schema: "recordings",
                table: "archives",
                column: "SessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consent_acknowledgments_SessionId_ParticipantId_TextVersion",
                schema: "recordings",
                table: "consent_acknowledgments",
                columns: new[] { "SessionId", "ParticipantId", "TextVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recording_events_SessionId",
                schema: "recordings",
                table: "recording_events",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_recording_pauses_SessionId",
                schema: "recordings",
                table: "recording_pauses",
                column: "SessionId",
                unique: true,
                filter: "\"ResumedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "archive_access_log",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "archive_files",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "archive_jobs",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "archive_link_events",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "consent_acknowledgments",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "recording_events",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "recording_pauses",
                schema: "recordings");

            migrationBuilder.DropTable(
                name: "archives",
                schema: "recordings");
        }
    }
}
