using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DialogueSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "dialogue_case_id",
                schema: "realtime",
                table: "sessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dialogue_case_number",
                schema: "realtime",
                table: "sessions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dialogue_kind",
                schema: "realtime",
                table: "sessions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dialogue_subject",
                schema: "realtime",
                table: "sessions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organisation",
                schema: "realtime",
                table: "participants",
                type: "character varying(302)",
                maxLength: 302,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dialogue_invitations",
                schema: "realtime",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    full_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    position = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    device_key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dialogue_invitations", x => x.id);
                    table.CheckConstraint("ck_dialogue_invitations_organisation", "(kind = 'Organisation') = (organisation IS NOT NULL) AND (position IS NULL OR organisation IS NOT NULL)");
                    table.CheckConstraint("ck_dialogue_invitations_used", "(participant_id IS NULL) = (used_at IS NULL) AND (participant_id IS NULL) = (device_key_hash IS NULL)");
                    table.ForeignKey(
                        name: "FK_dialogue_invitations_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "realtime",
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_dialogue_case_id",
                schema: "realtime",
                table: "sessions",
                column: "dialogue_case_id",
                filter: "dialogue_case_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sessions_dialogue",
                schema: "realtime",
                table: "sessions",
                sql: "(dialogue_case_id IS NULL) = (dialogue_case_number IS NULL) AND (dialogue_case_id IS NULL) = (dialogue_kind IS NULL) AND (dialogue_case_id IS NULL) = (dialogue_subject IS NULL) AND (dialogue_case_id IS NULL OR (booking_id IS NULL AND ad_hoc_token_hash IS NULL AND dialogue_kind <> 'Denunciation'))");

            migrationBuilder.CreateIndex(
                name: "IX_dialogue_invitations_participant_id",
                schema: "realtime",
                table: "dialogue_invitations",
                column: "participant_id",
                unique: true,
                filter: "participant_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_dialogue_invitations_session_id",
                schema: "realtime",
                table: "dialogue_invitations",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "IX_dialogue_invitations_token_hash",
                schema: "realtime",
                table: "dialogue_invitations",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dialogue_invitations",
                schema: "realtime");

            migrationBuilder.DropIndex(
                name: "IX_sessions_dialogue_case_id",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sessions_dialogue",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "dialogue_case_id",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "dialogue_case_number",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "dialogue_kind",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "dialogue_subject",
                schema: "realtime",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "organisation",
                schema: "realtime",
                table: "participants");
        }
    }
}
