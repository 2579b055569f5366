using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Sqlite
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
                type: "TEXT",
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
