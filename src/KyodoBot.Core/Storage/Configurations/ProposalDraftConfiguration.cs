using KyodoBot.Core.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KyodoBot.Core.Storage.Configurations;

/// <summary>How <see cref="ProposalDraft"/> is stored: the <c>proposal_drafts</c> table.</summary>
public sealed class ProposalDraftConfiguration : IEntityTypeConfiguration<ProposalDraft>
{
    public void Configure(EntityTypeBuilder<ProposalDraft> builder)
    {
        builder.ToTable("proposal_drafts");
        builder.HasKey(x => new { x.UserId, x.ConversationId });
        builder.Property(x => x.UserId).HasMaxLength(512);
        builder.Property(x => x.ConversationId).HasMaxLength(512);
        builder.Property(x => x.DefinitionId).HasMaxLength(100);
        builder.Property(x => x.LastActivityId).HasMaxLength(256);
        builder.Property(x => x.SubmissionToken).HasMaxLength(64);
        builder.HasIndex(x => x.UpdatedAt);
    }
}
