using KyodoBot.Core.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="Project"/> is stored: the <c>projects</c> table.</summary>
public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Reference).HasMaxLength(20);
        builder.HasIndex(x => x.Reference).IsUnique();
        builder.HasIndex(x => x.ProposalId).IsUnique();
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Organization).HasMaxLength(200);
        builder.Property(x => x.Department).HasMaxLength(100);
        builder.HasIndex(x => x.Department);
        builder.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.RegisteredBy).HasMaxLength(512);
    }
}
