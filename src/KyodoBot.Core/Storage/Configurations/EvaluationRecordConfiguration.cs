using KyodoBot.Core.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="EvaluationRecord"/> is stored: the <c>evaluations</c> table.</summary>
public sealed class EvaluationRecordConfiguration : IEntityTypeConfiguration<EvaluationRecord>
{
    public void Configure(EntityTypeBuilder<EvaluationRecord> builder)
    {
        builder.ToTable("evaluations");
        builder.HasKey(x => x.Id);
        // The first record of an evaluation wins; a second click is told who recorded it.
        builder.HasIndex(x => x.DueId).IsUnique();
        builder.HasIndex(x => x.ProjectId);
        builder.Property(x => x.RecordedBy).HasMaxLength(512);
        builder.Property(x => x.RecordedByName).HasMaxLength(256);
        builder.Property(x => x.PrincipleChecks).HasMaxLength(32);
        builder.Property(x => x.Comments).HasMaxLength(2000);
        builder.Property(x => x.NextSteps).HasMaxLength(2000);
    }
}
