using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "realtime");

            migrationBuilder.CreateTable(
                name: "lobby_days",
                schema: "realtime",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lobby_days", x => x.date);
                    table.CheckConstraint("ck_lobby_days_window", "opens_at < closes_at");
                });

            migrationBuilder.CreateTable(
                name: "lobby_entries",
                schema: "realtime",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reception_date = table.Column<DateOnly>(type: "date", nullable: false),
                    slot_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    representative_count = table.Column<int>(type: "integer", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lobby_entries", x => x.id);
                    table.CheckConstraint("ck_lobby_entries_representatives", "representative_count BETWEEN 1 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                schema: "realtime",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reception_date = table.Column<DateOnly>(type: "date", nullable: false),
                    presiding_official_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    refusal_ground = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    outcome_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    room_id = table.Column<long>(type: "bigint", nullable: false),
                    room_secret = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ad_hoc_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ad_hoc_token_used = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.id);
                    table.CheckConstraint("ck_sessions_outcome", "(state = 'Ended') = (outcome IS NOT NULL AND ended_at IS NOT NULL)");
                    table.CheckConstraint("ck_sessions_refusal_ground", "(outcome = 'Refused') = (refusal_ground IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "chat_messages",
                schema: "realtime",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chat_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_chat_messages_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "realtime",
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "participants",
                schema: "realtime",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lobby_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    role = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: true),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    device_key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    connection_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    muted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participants", x => x.id);
                    table.ForeignKey(
                        name: "FK_participants_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "realtime",
                        principalTable: "sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_session_id_id",
                schema: "realtime",
                table: "chat_messages",
                columns: new[] { "session_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_lobby_entries_booking_id",
                schema: "realtime",
                table: "lobby_entries",
                column: "booking_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lobby_entries_reception_date_state",
                schema: "realtime",
                table: "lobby_entries",
                columns: new[] { "reception_date", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_participants_connection_id",
                schema: "realtime",
                table: "participants",
                column: "connection_id");

            migrationBuilder.CreateIndex(
                name: "IX_participants_lobby_entry_id_device_key_hash",
                schema: "realtime",
                table: "participants",
                columns: new[] { "lobby_entry_id", "device_key_hash" },
                unique: true,
                filter: "lobby_entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_participants_session_id_staff_id",
                schema: "realtime",
                table: "participants",
                columns: new[] { "session_id", "staff_id" },
                unique: true,
                filter: "staff_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_ad_hoc_token_hash",
                schema: "realtime",
                table: "sessions",
                column: "ad_hoc_token_hash",
                unique: true,
                filter: "ad_hoc_token_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_booking_id",
                schema: "realtime",
                table: "sessions",
                column: "booking_id",
                unique: true,
                filter: "booking_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_presiding_official_id",
                schema: "realtime",
                table: "sessions",
                column: "presiding_official_id",
                unique: true,
                filter: "state = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_reception_date_state",
                schema: "realtime",
                table: "sessions",
                columns: new[] { "reception_date", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_room_id",
                schema: "realtime",
                table: "sessions",
                column: "room_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_messages",
                schema: "realtime");

            migrationBuilder.DropTable(
                name: "lobby_days",
                schema: "realtime");

            migrationBuilder.DropTable(
                name: "lobby_entries",
                schema: "realtime");

            migrationBuilder.DropTable(
                name: "participants",
                schema: "realtime");

            migrationBuilder.DropTable(
                name: "sessions",
                schema: "realtime");
        }
    }
}
