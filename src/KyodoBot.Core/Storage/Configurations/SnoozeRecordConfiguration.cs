using KyodoBot.Core.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="SnoozeRecord"/> is stored: the <c>evaluation_snoozes</c> table.</summary>
public sealed class SnoozeRecordConfiguration : IEntityTypeConfiguration<SnoozeRecord>
{
    public void Configure(EntityTypeBuilder<SnoozeRecord> builder)
    {
        builder.ToTable("evaluation_snoozes");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.ProjectId);
        builder.HasIndex(x => new { x.DueId, x.FromDate }).IsUnique();
        builder.Property(x => x.SnoozedBy).HasMaxLength(512);
        builder.Property(x => x.SnoozedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(500);
    }
}
