using KyodoBot.Core.Ask;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="QuestionDecision"/> is stored: the <c>question_decisions</c> table, one row per question key.</summary>
public sealed class QuestionDecisionConfiguration : IEntityTypeConfiguration<QuestionDecision>
{
    public void Configure(EntityTypeBuilder<QuestionDecision> builder)
    {
        builder.ToTable("question_decisions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.QuestionKey).HasMaxLength(1000);
        builder.HasIndex(x => x.QuestionKey).IsUnique();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.SectionId).HasMaxLength(200);
        builder.Property(x => x.DecidedBy).HasMaxLength(512);
    }
}
