using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AdHocMatter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ad_hoc_kind",
                schema: "realtime",
                table: "sessions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ad_hoc_reason",
                schema: "realtime",
                table: "sessions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sealed_identity",
                schema: "realtime",
                table: "participants",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            // Ad-hoc sessions held before this change took no reason and were filed as feedback: say so.
            migrationBuilder.Sql("UPDATE realtime.sessions SET ad_hoc_kind = 'Feedback', ad_hoc_reason = 'Tiếp công dân đột xuất (trước khi hệ thống ghi lý do)' WHERE ad_hoc_token_hash IS NOT NULL;");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sessions_ad_hoc_matter",
                schema: "realtime",
                table: "sessions",
                sql: "(ad_hoc_token_hash IS NULL) = (ad_hoc_kind IS NULL) AND (ad_hoc_kind IS NULL) = (ad_hoc_reason IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_sessions_ad_hoc_matter",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "ad_hoc_kind",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "ad_hoc_reason",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "sealed_identity",
                schema: "realtime",
                table: "participants");
        }
    }
}
