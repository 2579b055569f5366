using KyodoBot.Core.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="Proposal"/> is stored: the <c>proposals</c> table.</summary>
public sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("proposals");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Reference).HasMaxLength(20);
        builder.HasIndex(x => x.Reference).IsUnique();
        builder.HasIndex(x => new { x.FiscalYear, x.Sequence }).IsUnique();
        builder.Property(x => x.SubmitActivityId).HasMaxLength(256);
        builder.HasIndex(x => x.SubmitActivityId).IsUnique();
        builder.Property(x => x.DraftToken).HasMaxLength(64);
        builder.HasIndex(x => x.DraftToken).IsUnique();
        builder.Property(x => x.ProposerId).HasMaxLength(512);
        builder.HasIndex(x => x.ProposerId);
        builder.Property(x => x.ProposerName).HasMaxLength(256);
        builder.Property(x => x.ProposerAadObjectId).HasMaxLength(128);
        builder.Property(x => x.Department).HasMaxLength(100);
        builder.HasIndex(x => new { x.State, x.Department });
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Organization).HasMaxLength(200);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ReviewConversationId).HasMaxLength(512);
        builder.Property(x => x.ReviewActivityId).HasMaxLength(256);
        builder.Property(x => x.ReviewServiceUrl).HasMaxLength(512);
        builder.Property(x => x.ReviewTenantId).HasMaxLength(128);
        builder.Property(x => x.DecidedBy).HasMaxLength(512);
        builder.Property(x => x.DecidedByName).HasMaxLength(256);
        builder.Property(x => x.ReturnComment).HasMaxLength(2000);
    }
}
