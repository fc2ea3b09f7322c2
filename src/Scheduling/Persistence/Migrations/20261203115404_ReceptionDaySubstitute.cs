using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Scheduling.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReceptionDaySubstitute : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DelegatedAt",
                schema: "scheduling",
                table: "reception_days",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DelegatedBy",
                schema: "scheduling",
                table: "reception_days",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DelegationReason",
                schema: "scheduling",
                table: "reception_days",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubstituteForName",
                schema: "scheduling",
                table: "reception_days",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubstituteForOfficialId",
                schema: "scheduling",
                table: "reception_days",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_reception_days_delegation",
                schema: "scheduling",
                table: "reception_days",
                sql: "(\"DelegatedAt\" is null) = (\"DelegatedBy\" is null) AND (\"DelegatedAt\" is null) = (\"DelegationReason\" is null)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_reception_days_delegation",
                schema: "scheduling",
                table: "reception_days");

            migrationBuilder.DropColumn(
                name: "DelegatedAt",
                schema: "scheduling",
                table: "reception_days");

            migrationBuilder.DropColumn(
                name: "DelegatedBy",
                schema: "scheduling",
                table: "reception_days");

            migrationBuilder.DropColumn(
                name: "DelegationReason",
                schema: "scheduling",
                table: "reception_days");

            migrationBuilder.DropColumn(
                name: "SubstituteForName",
                schema: "scheduling",
                table: "reception_days");

            migrationBuilder.DropColumn(
                name: "SubstituteForOfficialId",
                schema: "scheduling",
                table: "reception_days");
        }
    }
}
