using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Recordings.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SealedArchives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Sealed",
                schema: "recordings",
                table: "archives",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Sealed",
                schema: "recordings",
                table: "archives");
        }
    }
}
