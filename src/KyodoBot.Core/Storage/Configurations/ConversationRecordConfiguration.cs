using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="ConversationRecord"/> is stored: the <c>conversations</c> table.</summary>
public sealed class ConversationRecordConfiguration : IEntityTypeConfiguration<ConversationRecord>
{
    public void Configure(EntityTypeBuilder<ConversationRecord> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(x => x.ConversationId);
        builder.Property(x => x.ConversationId).HasMaxLength(512);
        builder.Property(x => x.ServiceUrl).HasMaxLength(512);
        builder.Property(x => x.ChannelPlatform).HasMaxLength(64);
        builder.Property(x => x.TenantId).HasMaxLength(128);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Language).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.TeamId).HasMaxLength(512);
        builder.Property(x => x.TeamName).HasMaxLength(256);
        builder.Property(x => x.ChannelName).HasMaxLength(256);
        builder.Property(x => x.BotId).HasMaxLength(256);
        builder.Property(x => x.BotName).HasMaxLength(256);
        builder.Property(x => x.UserId).HasMaxLength(512);
        builder.Property(x => x.AadObjectId).HasMaxLength(128);
        builder.HasIndex(x => x.UserId);
    }
}
