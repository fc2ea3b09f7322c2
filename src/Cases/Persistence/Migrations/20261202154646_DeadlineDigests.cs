using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DigestId",
                schema: "cases",
                table: "notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deadline_digests",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    NotificationCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NoAddress = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_digests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DigestId",
                schema: "cases",
                table: "notifications",
                column: "DigestId");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_undigested",
                schema: "cases",
                table: "notifications",
                column: "RecipientId",
                filter: "\"DigestId\" is null");

            migrationBuilder.CreateIndex(
                name: "IX_deadline_digests_QueuedAt",
                schema: "cases",
                table: "deadline_digests",
                column: "QueuedAt",
                filter: "\"QueuedAt\" is null and not \"NoAddress\"");

            migrationBuilder.CreateIndex(
                name: "IX_deadline_digests_RecipientId_Date",
                schema: "cases",
                table: "deadline_digests",
                columns: new[] { "RecipientId", "Date" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_deadline_digests_DigestId",
                schema: "cases",
                table: "notifications",
                column: "DigestId",
                principalSchema: "cases",
                principalTable: "deadline_digests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_notifications_deadline_digests_DigestId",
                schema: "cases",
                table: "notifications");

            migrationBuilder.DropTable(
                name: "deadline_digests",
                schema: "cases");

            migrationBuilder.DropIndex(
                name: "IX_notifications_DigestId",
                schema: "cases",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_notifications_undigested",
                schema: "cases",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DigestId",
                schema: "cases",
                table: "notifications");
        }
    }
}
