using KyodoBot.Core.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="Reminder"/> is stored: the <c>reminders</c> table.</summary>
public sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.HasKey(x => x.Id);
        builder.Ignore(x => x.SendAt);
        // One card per evaluation, kind and day, however often the schedule is planned again.
        builder.HasIndex(x => new { x.DueId, x.Kind, x.Day }).IsUnique();
        builder.HasIndex(x => new { x.State, x.SendAtMs });
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ClaimedBy).HasMaxLength(128);
        builder.Property(x => x.LastError).HasMaxLength(500);
        builder.Property(x => x.PostedConversationId).HasMaxLength(512);
        builder.Property(x => x.PostedActivityId).HasMaxLength(256);
        builder.Property(x => x.PostedServiceUrl).HasMaxLength(512);
        builder.Property(x => x.PostedTenantId).HasMaxLength(128);
    }
}
