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
    public DbSet<QuestionDecision> QuestionDecisions => Set<QuestionDecision>();
    public DbSet<QuestionPick> QuestionPicks => Set<QuestionPick>();
    public DbSet<ProposalDraft> ProposalDrafts => Set<ProposalDraft>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<EvaluationDue> EvaluationDues => Set<EvaluationDue>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<EvaluationRecord> Evaluations => Set<EvaluationRecord>();
    public DbSet<SnoozeRecord> Snoozes => Set<SnoozeRecord>();

    /// <summary>One <see cref="IEntityTypeConfiguration{TEntity}"/> per entity, in <c>Storage/Configurations/</c>.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KyodoDbContext).Assembly);
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
