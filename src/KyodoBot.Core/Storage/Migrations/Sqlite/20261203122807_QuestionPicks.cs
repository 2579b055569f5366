using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuestionPicks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "question_picks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PickedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_question_picks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_question_picks_questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_question_picks_QuestionId_SectionId",
                table: "question_picks",
                columns: new[] { "QuestionId", "SectionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "question_picks");
        }
    }
}
