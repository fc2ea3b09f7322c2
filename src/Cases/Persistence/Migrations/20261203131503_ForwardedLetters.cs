using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ForwardedLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forwarded_letters",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agency = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    letter_date = table.Column<DateOnly>(type: "date", nullable: false),
                    report_due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forwarded_letters", x => x.Id);
                    table.CheckConstraint("ck_forwarded_agency", "btrim(agency) <> ''");
                    table.CheckConstraint("ck_forwarded_due_after_letter", "report_due_on >= letter_date");
                    table.ForeignKey(
                        name: "FK_forwarded_letters_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_backs",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LetterId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sent_on = table.Column<DateOnly>(type: "date", nullable: false),
                    outgoing_number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    next_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_backs", x => x.Id);
                    table.CheckConstraint("ck_report_back_next_due", "(kind = 'Progress' AND next_due_on IS NOT NULL AND next_due_on > sent_on) OR (kind = 'Result' AND next_due_on IS NULL)");
                    table.CheckConstraint("ck_report_back_text", "btrim(outgoing_number) <> '' AND btrim(summary) <> ''");
                    table.ForeignKey(
                        name: "FK_report_backs_forwarded_letters_LetterId",
                        column: x => x.LetterId,
                        principalSchema: "cases",
                        principalTable: "forwarded_letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_forwarded_letters_CaseId",
                schema: "cases",
                table: "forwarded_letters",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_backs_CaseId",
                schema: "cases",
                table: "report_backs",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "ux_report_backs_one_result",
                schema: "cases",
                table: "report_backs",
                column: "LetterId",
                unique: true,
                filter: "kind = 'Result'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_backs",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "forwarded_letters",
                schema: "cases");
        }
    }
}
