using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CrashedSessionOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_sessions_outcome",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "outcome_recorded_at",
                schema: "realtime",
                table: "sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "outcome_recorded_by",
                schema: "realtime",
                table: "sessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_sessions_late_outcome",
                schema: "realtime",
                table: "sessions",
                sql: "(outcome_recorded_at IS NULL) = (outcome_recorded_by IS NULL) AND (outcome_recorded_at IS NOT NULL) = (state = 'Crashed' AND outcome IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sessions_outcome",
                schema: "realtime",
                table: "sessions",
                sql: "CASE state WHEN 'Ended' THEN outcome IS NOT NULL AND ended_at IS NOT NULL WHEN 'Crashed' THEN ended_at IS NOT NULL ELSE outcome IS NULL END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_sessions_late_outcome",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sessions_outcome",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "outcome_recorded_at",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "outcome_recorded_by",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sessions_outcome",
                schema: "realtime",
                table: "sessions",
                sql: "(state = 'Ended') = (outcome IS NOT NULL AND ended_at IS NOT NULL)");
        }
    }
}
