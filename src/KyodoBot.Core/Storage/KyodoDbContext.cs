using KyodoBot.Core.Ask;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Proposals;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Storage;

/// <summary>
/// The bot's database. Each provider has its own subclass so that each keeps its own migrations
/// (<c>Storage/Migrations/Sqlite</c>, <c>Storage/Migrations/Postgres</c>); see docs/decisions/0003-storage.md.
/// </summary>
public abstract class KyodoDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DepartmentMoveRequest> DepartmentMoveRequests => Set<DepartmentMoveRequest>();
    public DbSet<QuestionRecord> Questions => Set<QuestionRecord>();
    public DbSet<AnswerFeedback> Feedback => Set<AnswerFeedback>();
    public DbSet<ProposalDraft> ProposalDrafts => Set<ProposalDraft>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<EvaluationDue> EvaluationDues => Set<EvaluationDue>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<EvaluationRecord> Evaluations => Set<EvaluationRecord>();
    public DbSet<SnoozeRecord> Snoozes => Set<SnoozeRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationRecord>(e =>
        {
            e.ToTable("conversations");
            e.HasKey(x => x.ConversationId);
            e.Property(x => x.ConversationId).HasMaxLength(512);
            e.Property(x => x.ServiceUrl).HasMaxLength(512);
            e.Property(x => x.ChannelPlatform).HasMaxLength(64);
            e.Property(x => x.TenantId).HasMaxLength(128);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Language).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.TeamId).HasMaxLength(512);
            e.Property(x => x.TeamName).HasMaxLength(256);
            e.Property(x => x.ChannelName).HasMaxLength(256);
            e.Property(x => x.BotId).HasMaxLength(256);
            e.Property(x => x.BotName).HasMaxLength(256);
            e.Property(x => x.UserId).HasMaxLength(512);
            e.Property(x => x.AadObjectId).HasMaxLength(128);
            e.HasIndex(x => x.UserId);
        });

        modelBuilder.Entity<Department>(e =>
        {
            e.ToTable("departments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.NameKey).HasMaxLength(100);
            e.HasIndex(x => x.NameKey).IsUnique();
            e.Property(x => x.ChannelId).HasMaxLength(512);
            e.HasIndex(x => x.ChannelId);
            e.Property(x => x.ChannelName).HasMaxLength(256);
            e.Property(x => x.TeamId).HasMaxLength(512);
            e.Property(x => x.TeamName).HasMaxLength(256);
            e.Property(x => x.RegisteredBy).HasMaxLength(256);
            e.Property(x => x.InactiveReason).HasMaxLength(500);
        });

        modelBuilder.Entity<DepartmentMoveRequest>(e =>
        {
            e.ToTable("department_move_requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.RequestActivityId).HasMaxLength(256);
            e.HasIndex(x => x.RequestActivityId).IsUnique();
            e.Property(x => x.NameKey).HasMaxLength(100);
            e.HasIndex(x => new { x.NameKey, x.State });
            e.Property(x => x.DepartmentName).HasMaxLength(100);
            e.Property(x => x.FromChannelId).HasMaxLength(512);
            e.Property(x => x.FromChannelName).HasMaxLength(256);
            e.Property(x => x.ToChannelId).HasMaxLength(512);
            e.Property(x => x.ToChannelName).HasMaxLength(256);
            e.Property(x => x.ToTeamId).HasMaxLength(512);
            e.Property(x => x.ToTeamName).HasMaxLength(256);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.RequestedByName).HasMaxLength(256);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.DecidedByName).HasMaxLength(256);
            e.Property(x => x.CardConversationId).HasMaxLength(512);
            e.Property(x => x.CardActivityId).HasMaxLength(256);
            e.Property(x => x.CardServiceUrl).HasMaxLength(512);
            e.Property(x => x.CardTenantId).HasMaxLength(128);
            e.Ignore(x => x.To);
        });

        modelBuilder.Entity<QuestionRecord>(e =>
        {
            e.ToTable("questions");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(256);
            e.HasIndex(x => x.ActivityId).IsUnique();
            e.Property(x => x.UserId).HasMaxLength(512);
            e.Property(x => x.ConversationId).HasMaxLength(512);
            e.Property(x => x.Question).HasMaxLength(1000);
            e.Property(x => x.QuestionKey).HasMaxLength(1000);
            e.HasIndex(x => x.QuestionKey);
            e.HasIndex(x => x.AskedAt);
            e.Property(x => x.Language).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.SectionIds).HasMaxLength(1000);
            e.HasMany(x => x.Feedback).WithOne(f => f.QuestionRecord).HasForeignKey(f => f.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AnswerFeedback>(e =>
        {
            e.ToTable("answer_feedback");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserId).HasMaxLength(512);
            e.HasIndex(x => new { x.QuestionId, x.UserId }).IsUnique();
            e.Property(x => x.Vote).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.Comment).HasMaxLength(2000);
        });

        modelBuilder.Entity<ProposalDraft>(e =>
        {
            e.ToTable("proposal_drafts");
            e.HasKey(x => new { x.UserId, x.ConversationId });
            e.Property(x => x.UserId).HasMaxLength(512);
            e.Property(x => x.ConversationId).HasMaxLength(512);
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.LastActivityId).HasMaxLength(256);
            e.Property(x => x.SubmissionToken).HasMaxLength(64);
            e.HasIndex(x => x.UpdatedAt);
        });

        modelBuilder.Entity<Proposal>(e =>
        {
            e.ToTable("proposals");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reference).HasMaxLength(20);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.FiscalYear, x.Sequence }).IsUnique();
            e.Property(x => x.SubmitActivityId).HasMaxLength(256);
            e.HasIndex(x => x.SubmitActivityId).IsUnique();
            e.Property(x => x.DraftToken).HasMaxLength(64);
            e.HasIndex(x => x.DraftToken).IsUnique();
            e.Property(x => x.ProposerId).HasMaxLength(512);
            e.HasIndex(x => x.ProposerId);
            e.Property(x => x.ProposerName).HasMaxLength(256);
            e.Property(x => x.ProposerAadObjectId).HasMaxLength(128);
            e.Property(x => x.Department).HasMaxLength(100);
            e.HasIndex(x => new { x.State, x.Department });
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Organization).HasMaxLength(200);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ReviewConversationId).HasMaxLength(512);
            e.Property(x => x.ReviewActivityId).HasMaxLength(256);
            e.Property(x => x.ReviewServiceUrl).HasMaxLength(512);
            e.Property(x => x.ReviewTenantId).HasMaxLength(128);
            e.Property(x => x.DecidedBy).HasMaxLength(512);
            e.Property(x => x.DecidedByName).HasMaxLength(256);
            e.Property(x => x.ReturnComment).HasMaxLength(2000);
        });

        modelBuilder.Entity<Project>(e =>
        {
            e.ToTable("projects");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reference).HasMaxLength(20);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => x.ProposalId).IsUnique();
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Organization).HasMaxLength(200);
            e.Property(x => x.Department).HasMaxLength(100);
            e.HasIndex(x => x.Department);
            e.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RegisteredBy).HasMaxLength(512);
        });

        modelBuilder.Entity<EvaluationDue>(e =>
        {
            e.ToTable("evaluation_dues");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ProjectId, x.DueDate });
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<Reminder>(e =>
        {
            e.ToTable("reminders");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.SendAt);
            // One card per evaluation, kind and day, however often the schedule is planned again.
            e.HasIndex(x => new { x.DueId, x.Kind, x.Day }).IsUnique();
            e.HasIndex(x => new { x.State, x.SendAtMs });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ClaimedBy).HasMaxLength(128);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.PostedConversationId).HasMaxLength(512);
            e.Property(x => x.PostedActivityId).HasMaxLength(256);
            e.Property(x => x.PostedServiceUrl).HasMaxLength(512);
            e.Property(x => x.PostedTenantId).HasMaxLength(128);
        });

        modelBuilder.Entity<EvaluationRecord>(e =>
        {
            e.ToTable("evaluations");
            e.HasKey(x => x.Id);
            // The first record of an evaluation wins; a second click is told who recorded it.
            e.HasIndex(x => x.DueId).IsUnique();
            e.HasIndex(x => x.ProjectId);
            e.Property(x => x.RecordedBy).HasMaxLength(512);
            e.Property(x => x.RecordedByName).HasMaxLength(256);
            e.Property(x => x.PrincipleChecks).HasMaxLength(32);
            e.Property(x => x.Comments).HasMaxLength(2000);
            e.Property(x => x.NextSteps).HasMaxLength(2000);
        });

        modelBuilder.Entity<SnoozeRecord>(e =>
        {
            e.ToTable("evaluation_snoozes");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ProjectId);
            e.HasIndex(x => new { x.DueId, x.FromDate }).IsUnique();
            e.Property(x => x.SnoozedBy).HasMaxLength(512);
            e.Property(x => x.SnoozedByName).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(500);
        });
    }
}

public sealed class SqliteKyodoDbContext(DbContextOptions<SqliteKyodoDbContext> options) : KyodoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; store it as UTC ticks-based binary so queries work.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresKyodoDbContext(DbContextOptions<PostgresKyodoDbContext> options) : KyodoDbContext(options);
