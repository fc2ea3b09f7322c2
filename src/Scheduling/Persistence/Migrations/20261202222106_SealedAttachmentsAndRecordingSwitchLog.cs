using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaoVien.OnlineReception.Scheduling.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SealedAttachmentsAndRecordingSwitchLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SealKeyFingerprint",
                schema: "scheduling",
                table: "booking_attachments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recording_switch_log",
                schema: "scheduling",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OldValue = table.Column<bool>(type: "boolean", nullable: true),
                    NewValue = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ChangedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_switch_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recording_switch_log_reception_rules_RuleId",
                        column: x => x.RuleId,
                        principalSchema: "scheduling",
                        principalTable: "reception_rules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_booking_attachments_sealed",
                schema: "scheduling",
                table: "booking_attachments",
                sql: "\"SealKeyFingerprint\" is null or substring(\"Content\" from 1 for 4) = '\\x44534631'::bytea");

            migrationBuilder.CreateIndex(
                name: "IX_recording_switch_log_ChangedAt",
                schema: "scheduling",
                table: "recording_switch_log",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_recording_switch_log_RuleId",
                schema: "scheduling",
                table: "recording_switch_log",
                column: "RuleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recording_switch_log",
                schema: "scheduling");

            migrationBuilder.DropCheckConstraint(
                name: "ck_booking_attachments_sealed",
                schema: "scheduling",
                table: "booking_attachments");

            migrationBuilder.DropColumn(
                name: "SealKeyFingerprint",
                schema: "scheduling",
                table: "booking_attachments");
        }
    }
}
