using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SealedChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sealed_text",
                schema: "realtime",
                table: "chat_messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_chat_messages_sealed",
                schema: "realtime",
                table: "chat_messages",
                sql: "sealed_text is null or (text = '' and sealed_text like 'ds1.%')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_chat_messages_sealed",
                schema: "realtime",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "sealed_text",
                schema: "realtime",
                table: "chat_messages");
        }
    }
}
