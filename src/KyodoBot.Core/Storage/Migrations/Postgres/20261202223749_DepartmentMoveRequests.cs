using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestActivityId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DepartmentName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromChannelId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    FromChannelName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ToChannelId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ToChannelName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ToTeamId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ToTeamName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RequestedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CardConversationId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CardActivityId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CardServiceUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CardTenantId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
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
