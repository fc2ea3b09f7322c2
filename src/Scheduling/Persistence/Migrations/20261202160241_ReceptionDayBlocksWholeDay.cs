using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Scheduling.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReceptionDayBlocksWholeDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BlockEndsAt",
                schema: "scheduling",
                table: "official_busy_periods",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BlockStartsAt",
                schema: "scheduling",
                table: "official_busy_periods",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Existing rows block what they did before; the publishing run at start widens future reception days to
            // the setting's block (ReceptionDayPublisher.RealignBlocksAsync).
            migrationBuilder.Sql("UPDATE scheduling.official_busy_periods SET \"BlockStartsAt\" = \"StartsAt\", \"BlockEndsAt\" = \"EndsAt\"");

            // A meeting may not overlap a reception day's block; rows of the same source are left to the first
            // constraint (two receptions of one official on one day, or two meetings, compare their exact times).
            migrationBuilder.Sql("""
                ALTER TABLE scheduling.official_busy_periods ADD CONSTRAINT ex_official_busy_periods_block
                EXCLUDE USING gist ("OfficialId" WITH =, tstzrange("BlockStartsAt", "BlockEndsAt", '[)') WITH &&, (("MeetingId" IS NULL)::integer) WITH <>);
                """);

            migrationBuilder.AddCheckConstraint(
                name: "ck_official_busy_periods_block",
                schema: "scheduling",
                table: "official_busy_periods",
                sql: "\"BlockStartsAt\" <= \"StartsAt\" AND \"BlockEndsAt\" >= \"EndsAt\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE scheduling.official_busy_periods DROP CONSTRAINT ex_official_busy_periods_block");

            migrationBuilder.DropCheckConstraint(
                name: "ck_official_busy_periods_block",
                schema: "scheduling",
                table: "official_busy_periods");

            migrationBuilder.DropColumn(
                name: "BlockEndsAt",
                schema: "scheduling",
                table: "official_busy_periods");

            migrationBuilder.DropColumn(
                name: "BlockStartsAt",
                schema: "scheduling",
                table: "official_busy_periods");
        }
    }
}
