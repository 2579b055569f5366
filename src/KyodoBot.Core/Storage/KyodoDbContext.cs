using KyodoBot.Core.Ask;
using KyodoBot.Core.Departments;
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
    public DbSet<QuestionRecord> Questions => Set<QuestionRecord>();
    public DbSet<AnswerFeedback> Feedback => Set<AnswerFeedback>();

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
