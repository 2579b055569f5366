using KyodoBot.Core.Departments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="Department"/> is stored: the <c>departments</c> table.</summary>
public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.NameKey).HasMaxLength(100);
        builder.HasIndex(x => x.NameKey).IsUnique();
        builder.Property(x => x.ChannelId).HasMaxLength(512);
        builder.HasIndex(x => x.ChannelId);
        builder.Property(x => x.ChannelName).HasMaxLength(256);
        builder.Property(x => x.TeamId).HasMaxLength(512);
        builder.Property(x => x.TeamName).HasMaxLength(256);
        builder.Property(x => x.RegisteredBy).HasMaxLength(256);
        builder.Property(x => x.InactiveReason).HasMaxLength(500);
    }
}
