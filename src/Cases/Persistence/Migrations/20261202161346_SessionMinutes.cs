using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SessionMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "minutes_number_seq",
                schema: "cases");

            migrationBuilder.CreateTable(
                name: "session_minutes",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PresidingOfficialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ArchiveManifestSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_session_minutes", x => x.Id);
                    table.CheckConstraint("ck_session_minutes_confirmed", "(\"ConfirmedAt\" IS NULL) = (\"ConfirmedBy\" IS NULL)");
                });

            migrationBuilder.CreateTable(
                name: "minutes_log",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MinutesId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_minutes_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_minutes_log_session_minutes_MinutesId",
                        column: x => x.MinutesId,
                        principalSchema: "cases",
                        principalTable: "session_minutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_minutes_log_MinutesId_At",
                schema: "cases",
                table: "minutes_log",
                columns: new[] { "MinutesId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_session_minutes_CaseId",
                schema: "cases",
                table: "session_minutes",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_session_minutes_Number",
                schema: "cases",
                table: "session_minutes",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_session_minutes_SessionId",
                schema: "cases",
                table: "session_minutes",
                column: "SessionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "minutes_log",
                schema: "cases");

            migrationBuilder.DropTable(
                name: "session_minutes",
                schema: "cases");

            migrationBuilder.DropSequence(
                name: "minutes_number_seq",
                schema: "cases");
        }
    }
}
