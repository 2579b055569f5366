using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KyodoBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Quartz.NET job store's tables (the scheduler's persistent, clustered clock); see docs/decisions/0011.
            var quartz = KyodoBot.Core.Storage.Quartz.QuartzSchema.For(StorageProvider.Sqlite);
            if (quartz.Length > 0)
            {
                migrationBuilder.Sql(quartz);
            }

            migrationBuilder.AddColumn<bool>(
                name: "Inactive",
                table: "departments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "InactiveReason",
                table: "departments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InactiveSince",
                table: "departments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evaluation_dues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsFinal = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SnoozeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_dues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_snoozes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DueId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    SnoozedBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    SnoozedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SnoozedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_snoozes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DueId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssueRating = table.Column<int>(type: "INTEGER", nullable: false),
                    ConductRating = table.Column<int>(type: "INTEGER", nullable: false),
                    PrincipleChecks = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    NextSteps = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublicFunds = table.Column<bool>(type: "INTEGER", nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DueId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SendAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ClaimedUntilMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PostedConversationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PostedActivityId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PostedServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PostedTenantId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_dues_ProjectId_DueDate",
                table: "evaluation_dues",
                columns: new[] { "ProjectId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_snoozes_DueId_FromDate",
                table: "evaluation_snoozes",
                columns: new[] { "DueId", "FromDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_snoozes_ProjectId",
                table: "evaluation_snoozes",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_DueId",
                table: "evaluations",
                column: "DueId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_ProjectId",
                table: "evaluations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_projects_Department",
                table: "projects",
                column: "Department");

            migrationBuilder.CreateIndex(
                name: "IX_projects_ProposalId",
                table: "projects",
                column: "ProposalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_projects_Reference",
                table: "projects",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reminders_DueId_Kind_Day",
                table: "reminders",
                columns: new[] { "DueId", "Kind", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reminders_State_SendAtMs",
                table: "reminders",
                columns: new[] { "State", "SendAtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_dues");

            migrationBuilder.DropTable(
                name: "evaluation_snoozes");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "projects");

            migrationBuilder.DropTable(
                name: "reminders");

            migrationBuilder.DropColumn(
                name: "Inactive",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "InactiveReason",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "InactiveSince",
                table: "departments");
        }
    }
}
