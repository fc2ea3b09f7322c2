using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReceptionCitizenPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_reception_sealed_no_plain",
                schema: "cases",
                table: "receptions");

            migrationBuilder.AddColumn<string>(
                name: "CitizenPhone",
                schema: "cases",
                table: "receptions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_reception_sealed_no_plain",
                schema: "cases",
                table: "receptions",
                sql: "\"SealedIdentity\" IS NULL OR (\"CitizenName\" IS NULL AND \"CitizenAddress\" IS NULL AND \"CitizenIdNumber\" IS NULL AND \"CitizenIdHash\" IS NULL AND \"CitizenPhone\" IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_reception_sealed_no_plain",
                schema: "cases",
                table: "receptions");

            migrationBuilder.DropColumn(
                name: "CitizenPhone",
                schema: "cases",
                table: "receptions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_reception_sealed_no_plain",
                schema: "cases",
                table: "receptions",
                sql: "\"SealedIdentity\" IS NULL OR (\"CitizenName\" IS NULL AND \"CitizenAddress\" IS NULL AND \"CitizenIdNumber\" IS NULL AND \"CitizenIdHash\" IS NULL)");
        }
    }
}
