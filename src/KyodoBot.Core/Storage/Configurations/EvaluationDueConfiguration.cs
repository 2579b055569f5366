using KyodoBot.Core.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="EvaluationDue"/> is stored: the <c>evaluation_dues</c> table.</summary>
public sealed class EvaluationDueConfiguration : IEntityTypeConfiguration<EvaluationDue>
{
    public void Configure(EntityTypeBuilder<EvaluationDue> builder)
    {
        builder.ToTable("evaluation_dues");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.ProjectId, x.DueDate });
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
    }
}
