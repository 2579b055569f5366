using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DepartmentMoveRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "department_move_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DepartmentName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FromChannelId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    FromChannelName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ToChannelId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ToChannelName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ToTeamId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ToTeamName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CardConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CardActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CardServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CardTenantId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_department_move_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_department_move_requests_NameKey_State",
                table: "department_move_requests",
                columns: new[] { "NameKey", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_department_move_requests_RequestActivityId",
                table: "department_move_requests",
                column: "RequestActivityId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "department_move_requests");
        }
    }
}
