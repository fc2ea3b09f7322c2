using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "cases");

            migrationBuilder.CreateSequence(
                name: "case_number_seq",
                schema: "cases");

            migrationBuilder.CreateTable(
                name: "case_access_log",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ViewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    What = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_access_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_files",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subject_area = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IsGroup = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    instance = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    complexity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsRemoteArea = table.Column<bool>(type: "boolean", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    refusal_ground = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    transferred_to = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    guided_to = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    decision_number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceptionId = table.Column<Guid>(type: "uuid", nullable: true),
                    citizen_id_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_files", x => x.Id);
                    table.CheckConstraint("ck_case_denunciation_no_id_hash", "kind <> 'Denunciation' OR citizen_id_hash IS NULL");
                    table.CheckConstraint("ck_case_refused_ground", "status <> 'Refused' OR refusal_ground IS NOT NULL");
                    table.CheckConstraint("ck_case_resolved_decision", "status NOT IN ('Resolved','Closed') OR refusal_ground IS NOT NULL OR transferred_to IS NOT NULL OR guided_to IS NOT NULL OR (decision_number IS NOT NULL AND decision_date IS NOT NULL)");
                    table.CheckConstraint("ck_case_transferred_agency", "status <> 'Transferred' OR transferred_to IS NOT NULL");
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "publications",
                schema: "cases",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectArea = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublicText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    IsApproved = table.Column<bool>(type: "boolean", nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_publications", x => x.CaseId);
                    table.CheckConstraint("ck_publication_not_denunciation", "\"Kind\" <> 'Denunciation'");
                });

            migrationBuilder.CreateTable(
                name: "quarterly_reports",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsScheduled = table.Column<bool>(type: "boolean", nullable: false),
                    Json = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarterly_reports", x => x.Id);
                    table.CheckConstraint("ck_report_quarter", "\"Quarter\" BETWEEN 1 AND 4");
                });

            migrationBuilder.CreateTable(
                name: "receptions",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CitizenName = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: true),
                    CitizenAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CitizenIdNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SealedIdentity = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    CitizenIdHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SubjectArea = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PeopleCount = table.Column<int>(type: "integer", nullable: false),
                    PreviouslyHandledBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RefusalGround = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    GuidedTo = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    FollowUp = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_receptions", x => x.Id);
                    table.CheckConstraint("ck_reception_people", "\"PeopleCount\" >= 1");
                    table.CheckConstraint("ck_reception_sealed_no_plain", "\"SealedIdentity\" IS NULL OR (\"CitizenName\" IS NULL AND \"CitizenAddress\" IS NULL AND \"CitizenIdNumber\" IS NULL AND \"CitizenIdHash\" IS NULL)");
                });

            migrationBuilder.CreateTable(
                name: "case_deadlines",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Rule = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_deadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_deadlines_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_documents",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DocumentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_documents_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_extensions",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_extensions", x => x.Id);
                    table.CheckConstraint("ck_extension_days", "\"Days\" BETWEEN 1 AND 30");
                    table.CheckConstraint("ck_extension_ordinal", "\"Ordinal\" BETWEEN 1 AND 2");
                    table.ForeignKey(
                        name: "FK_case_extensions_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_history",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_history_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_links",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_links_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_persons",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    IsRepresentative = table.Column<bool>(type: "boolean", nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    IdNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    SealedIdentity = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SealingKeyFingerprint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_persons", x => x.Id);
                    table.CheckConstraint("ck_person_position", "\"Position\" BETWEEN 1 AND 5");
                    table.CheckConstraint("ck_person_sealed_no_plain", "\"SealedIdentity\" IS NULL OR (\"FullName\" IS NULL AND \"Address\" IS NULL AND \"IdNumber\" IS NULL AND \"Phone\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_case_persons_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_access_log_At",
                schema: "cases",
                table: "case_access_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_case_deadlines_CaseId_Kind",
                schema: "cases",
                table: "case_deadlines",
                columns: new[] { "CaseId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_deadlines_DueDate",
                schema: "cases",
                table: "case_deadlines",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_case_documents_CaseId",
                schema: "cases",
                table: "case_documents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_extensions_CaseId_Ordinal",
                schema: "cases",
                table: "case_extensions",
                columns: new[] { "CaseId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_files_AssigneeId",
                schema: "cases",
                table: "case_files",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_case_files_BookingId",
                schema: "cases",
                table: "case_files",
                column: "BookingId",
                unique: true,
                filter: "\"BookingId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_case_files_citizen_id_hash",
                schema: "cases",
                table: "case_files",
                column: "citizen_id_hash");

            migrationBuilder.CreateIndex(
                name: "IX_case_files_number",
                schema: "cases",
                table: "case_files",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_files_ReceptionId",
                schema: "cases",
                table: "case_files",
                column: "ReceptionId",
                unique: true,
                filter: "\"ReceptionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_case_history_CaseId_At",
                schema: "cases",
                table: "case_history",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_case_links_CaseId_Kind_TargetId",
                schema: "cases",
                table: "case_links",
                columns: new[] { "CaseId", "Kind", "TargetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_links_Kind_TargetId",
                schema: "cases",
                table: "case_links",
                columns: new[] { "Kind", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_persons_CaseId_Position",
                schema: "cases",
                table: "case_persons",
                columns: new[] { "CaseId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DedupKey",
                schema: "cases",
                table: "notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_RecipientId_CreatedAt",
                schema: "cases",
                table: "notifications",
                columns: new[] { "RecipientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_quarterly_reports_Year_Quarter",
                schema: "cases",
                table: "quarterly_reports",
                columns: new[] { "Year", "Quarter" },
                unique: true,
                filter: "\"IsScheduled\"");

            migrationBuilder.CreateIndex(
                name: "IX_receptions_Date",
                schema: "cases",
                table: "receptions",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_receptions_SessionId",
                schema: "cases",
                table: "receptions",
                column: "SessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_access_log",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_deadlines",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_documents",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_extensions",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_history",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_links",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_persons",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "publications",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "quarterly_reports",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "receptions",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "case_files",
                schema: "cases");

            migrationBuilder.DropSequence(
                name: "case_number_seq",
                schema: "cases");
        }
    }
}
