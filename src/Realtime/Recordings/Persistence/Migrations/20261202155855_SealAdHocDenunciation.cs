using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Realtime.Recordings.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SealAdHocDenunciation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SealAsDenunciation",
                schema: "recordings",
                table: "archive_jobs",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SealAsDenunciation",
                schema: "recordings",
                table: "archive_jobs");
        }
    }
}
