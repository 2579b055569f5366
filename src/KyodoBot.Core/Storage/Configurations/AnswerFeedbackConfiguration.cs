using KyodoBot.Core.Ask;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="AnswerFeedback"/> is stored: the <c>answer_feedback</c> table.</summary>
public sealed class AnswerFeedbackConfiguration : IEntityTypeConfiguration<AnswerFeedback>
{
    public void Configure(EntityTypeBuilder<AnswerFeedback> builder)
    {
        builder.ToTable("answer_feedback");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.UserId).HasMaxLength(512);
        builder.HasIndex(x => new { x.QuestionId, x.UserId }).IsUnique();
        builder.Property(x => x.Vote).HasConversion<string>().HasMaxLength(8);
        builder.Property(x => x.Comment).HasMaxLength(2000);
    }
}
