using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DaoVien.OnlineReception.Cases.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CaseReclassification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_changes",
                schema: "cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Field = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    OldValue = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    NewValue = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false),
                    SealingKeyFingerprint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_changes", x => x.Id);
                    table.CheckConstraint("ck_case_change_sealed_key", "NOT \"Sealed\" OR \"SealingKeyFingerprint\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_case_changes_case_files_CaseId",
                        column: x => x.CaseId,
                        principalSchema: "cases",
                        principalTable: "case_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_changes_CaseId_At",
                schema: "cases",
                table: "case_changes",
                columns: new[] { "CaseId", "At" });

            // The correction history is immutable (docs/adr/0084): no row is deleted, and the one update allowed is
            // sealing a plain row once, when its case becomes a denunciation; who, when, what and which stay as written.
            migrationBuilder.Sql("""
                CREATE FUNCTION cases.case_changes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'case_changes rows are never deleted' USING ERRCODE = 'check_violation';
                    END IF;
                    IF OLD."Sealed" OR NOT NEW."Sealed"
                       OR NEW."Id" <> OLD."Id" OR NEW."CaseId" <> OLD."CaseId" OR NEW."At" <> OLD."At"
                       OR NEW."ActorId" IS DISTINCT FROM OLD."ActorId" OR NEW."ActorName" <> OLD."ActorName"
                       OR NEW."Field" <> OLD."Field" OR NEW."Item" <> OLD."Item" THEN
                        RAISE EXCEPTION 'case_changes rows are immutable; a plain row may only be sealed once' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER case_changes_immutable BEFORE UPDATE OR DELETE ON cases.case_changes
                    FOR EACH ROW EXECUTE FUNCTION cases.case_changes_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER case_changes_immutable ON cases.case_changes; DROP FUNCTION cases.case_changes_immutable();");

            migrationBuilder.DropTable(
                name: "case_changes",
                schema: "cases");
        }
    }
}
