using KyodoBot.Core.Ask;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="QuestionPick"/> is stored: the <c>question_picks</c> table, one row per question and section.</summary>
public sealed class QuestionPickConfiguration : IEntityTypeConfiguration<QuestionPick>
{
    public void Configure(EntityTypeBuilder<QuestionPick> builder)
    {
        builder.ToTable("question_picks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.SectionId).HasMaxLength(200);
        builder.HasIndex(x => new { x.QuestionId, x.SectionId }).IsUnique();
        builder.HasOne(x => x.QuestionRecord).WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}
