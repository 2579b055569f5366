using KyodoBot.Core.Departments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="DepartmentMoveRequest"/> is stored: the <c>department_move_requests</c> table.</summary>
public sealed class DepartmentMoveRequestConfiguration : IEntityTypeConfiguration<DepartmentMoveRequest>
{
    public void Configure(EntityTypeBuilder<DepartmentMoveRequest> builder)
    {
        builder.ToTable("department_move_requests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.RequestActivityId).HasMaxLength(256);
        builder.HasIndex(x => x.RequestActivityId).IsUnique();
        builder.Property(x => x.NameKey).HasMaxLength(100);
        builder.HasIndex(x => new { x.NameKey, x.State });
        builder.Property(x => x.DepartmentName).HasMaxLength(100);
        builder.Property(x => x.FromChannelId).HasMaxLength(512);
        builder.Property(x => x.FromChannelName).HasMaxLength(256);
        builder.Property(x => x.ToChannelId).HasMaxLength(512);
        builder.Property(x => x.ToChannelName).HasMaxLength(256);
        builder.Property(x => x.ToTeamId).HasMaxLength(512);
        builder.Property(x => x.ToTeamName).HasMaxLength(256);
        builder.Property(x => x.RequestedBy).HasMaxLength(256);
        builder.Property(x => x.RequestedByName).HasMaxLength(256);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.DecidedBy).HasMaxLength(256);
        builder.Property(x => x.DecidedByName).HasMaxLength(256);
        builder.Property(x => x.CardConversationId).HasMaxLength(512);
        builder.Property(x => x.CardActivityId).HasMaxLength(256);
        builder.Property(x => x.CardServiceUrl).HasMaxLength(512);
        builder.Property(x => x.CardTenantId).HasMaxLength(128);
        builder.Ignore(x => x.To);
    }
}
