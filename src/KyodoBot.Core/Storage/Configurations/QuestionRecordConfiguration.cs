using KyodoBot.Core.Ask;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="QuestionRecord"/> is stored: the <c>questions</c> table.</summary>
public sealed class QuestionRecordConfiguration : IEntityTypeConfiguration<QuestionRecord>
{
    public void Configure(EntityTypeBuilder<QuestionRecord> builder)
    {
        builder.ToTable("questions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(256);
        builder.HasIndex(x => x.ActivityId).IsUnique();
        builder.Property(x => x.UserId).HasMaxLength(512);
        builder.Property(x => x.ConversationId).HasMaxLength(512);
        builder.Property(x => x.Question).HasMaxLength(1000);
        builder.Property(x => x.QuestionKey).HasMaxLength(1000);
        builder.HasIndex(x => x.QuestionKey);
        builder.HasIndex(x => x.AskedAt);
        builder.Property(x => x.Language).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.SectionIds).HasMaxLength(1000);
        builder.HasMany(x => x.Feedback).WithOne(f => f.QuestionRecord).HasForeignKey(f => f.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}
