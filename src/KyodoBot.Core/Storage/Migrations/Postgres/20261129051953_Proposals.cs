using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Proposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "proposal_drafts",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SessionJson = table.Column<string>(type: "text", nullable: false),
                    LastActivityId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    ResubmitOf = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposal_drafts", x => new { x.UserId, x.ConversationId });
                });

            migrationBuilder.CreateTable(
                name: "proposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    SubmitActivityId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProposerId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ProposerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ProposerAadObjectId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Department = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Organization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReviewConversationId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ReviewActivityId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewServiceUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ReviewTenantId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_proposal_drafts_UpdatedAt",
                table: "proposal_drafts",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_FiscalYear_Sequence",
                table: "proposals",
                columns: new[] { "FiscalYear", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_ProposerId",
                table: "proposals",
                column: "ProposerId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_Reference",
                table: "proposals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_State_Department",
                table: "proposals",
                columns: new[] { "State", "Department" });

            migrationBuilder.CreateIndex(
                name: "IX_proposals_SubmitActivityId",
                table: "proposals",
                column: "SubmitActivityId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "proposal_drafts");

            migrationBuilder.DropTable(
                name: "proposals");
        }
    }
}
