using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CaseRulesOfIssue14 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "end_notice_date",
                schema: "cases",
                table: "case_files",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_notice_number",
                schema: "cases",
                table: "case_files",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "filing_window_ends_on",
                schema: "cases",
                table: "case_files",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "initial_processing_extended_on",
                schema: "cases",
                table: "case_files",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "initial_processing_extension_reason",
                schema: "cases",
                table: "case_files",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "learned_of_decision_on",
                schema: "cases",
                table: "case_files",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "people_count",
                schema: "cases",
                table: "case_files",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "referral_answer",
                schema: "cases",
                table: "case_files",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "referral_answered_on",
                schema: "cases",
                table: "case_files",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "transfer_kind",
                schema: "cases",
                table: "case_files",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "CompetentAgency");

            migrationBuilder.AddColumn<string>(
                name: "transfer_reference",
                schema: "cases",
                table: "case_files",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "transferred_on",
                schema: "cases",
                table: "case_files",
                type: "date",
                nullable: true);

            // Files entered before the column existed speak for as many people as they name.
            migrationBuilder.Sql("UPDATE cases.case_files c SET people_count = GREATEST(1, (SELECT count(*) FROM cases.case_persons p WHERE p.\"CaseId\" = c.\"Id\"))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_case_people_count",
                schema: "cases",
                table: "case_files",
                sql: "people_count BETWEEN 1 AND 100000");

            migrationBuilder.AddCheckConstraint(
                name: "ck_case_referral_reference",
                schema: "cases",
                table: "case_files",
                sql: "transfer_kind <> 'CrimeReferral' OR (transfer_reference IS NOT NULL AND transferred_on IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_case_people_count",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropCheckConstraint(
                name: "ck_case_referral_reference",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "end_notice_date",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "end_notice_number",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "filing_window_ends_on",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "initial_processing_extended_on",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "initial_processing_extension_reason",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "learned_of_decision_on",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "people_count",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "referral_answer",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "referral_answered_on",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "transfer_kind",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "transfer_reference",
                schema: "cases",
                table: "case_files");

            migrationBuilder.DropColumn(
                name: "transferred_on",
                schema: "cases",
                table: "case_files");
        }
    }
}
