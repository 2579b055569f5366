using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConversationLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "conversations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "conversations");
        }
    }
}
