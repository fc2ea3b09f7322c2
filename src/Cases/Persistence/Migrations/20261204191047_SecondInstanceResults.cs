using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SecondInstanceResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "second_instance_results",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    authority = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    decision_number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_second_instance_results", x => x.Id);
                    table.CheckConstraint("ck_second_instance_outcome", "outcome IN ('Upheld', 'Amended', 'Annulled')");
                    table.CheckConstraint("ck_second_instance_text", "btrim(authority) <> '' AND btrim(decision_number) <> ''");
                    table.ForeignKey(
                        name: "FK_second_instance_results_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_second_instance_results_CaseId",
                schema: "cases",
                table: "second_instance_results",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_second_instance_results_decision_date",
                schema: "cases",
                table: "second_instance_results",
                column: "decision_date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "second_instance_results",
                schema: "cases");
        }
    }
}
