using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LongRunningCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "long_running_cases",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    is_hotspot = table.Column<bool>(type: "boolean", nullable: false),
                    hotspot_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    next_review_on = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_long_running_cases", x => x.Id);
                    table.CheckConstraint("ck_long_running_hotspot_reason", "(is_hotspot AND hotspot_reason IS NOT NULL AND btrim(hotspot_reason) <> '') OR (NOT is_hotspot AND hotspot_reason IS NULL)");
                    table.CheckConstraint("ck_long_running_reason", "btrim(reason) <> ''");
                    table.ForeignKey(
                        name: "FK_long_running_cases_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_reviews",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisterId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    next_review_on = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_reviews", x => x.Id);
                    table.CheckConstraint("ck_case_review_next", "next_review_on > reviewed_on");
                    table.CheckConstraint("ck_case_review_notes", "btrim(notes) <> ''");
                    table.ForeignKey(
                        name: "FK_case_reviews_long_running_cases_RegisterId",
                        column: x => x.RegisterId,
                        principalSchema: "cases",
                        principalTable: "long_running_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_steps",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisterId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: true),
                    result = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_steps", x => x.Id);
                    table.CheckConstraint("ck_plan_step_action", "btrim(action) <> ''");
                    table.CheckConstraint("ck_plan_step_done", "(done_on IS NULL AND result IS NULL) OR (done_on IS NOT NULL AND result IS NOT NULL AND btrim(result) <> '')");
                    table.CheckConstraint("ck_plan_step_position", "position BETWEEN 1 AND 30");
                    table.ForeignKey(
                        name: "FK_plan_steps_long_running_cases_RegisterId",
                        column: x => x.RegisterId,
                        principalSchema: "cases",
                        principalTable: "long_running_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_reviews_CaseId",
                schema: "cases",
                table: "case_reviews",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_reviews_RegisterId",
                schema: "cases",
                table: "case_reviews",
                column: "RegisterId");

            migrationBuilder.CreateIndex(
                name: "IX_long_running_cases_CaseId",
                schema: "cases",
                table: "long_running_cases",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_steps_CaseId",
                schema: "cases",
                table: "plan_steps",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_steps_owner_id",
                schema: "cases",
                table: "plan_steps",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_plan_steps_RegisterId_position",
                schema: "cases",
                table: "plan_steps",
                columns: new[] { "RegisterId", "position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_reviews",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "plan_steps",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "long_running_cases",
                schema: "cases");
        }
    }
}
