namespace KyodoBot.Core.Proposals;

/// <summary>Where a proposal stands. 未配信: its department has no registered channel yet.</summary>
public enum ProposalState
{
    Undelivered,
    UnderReview,
    Accepted,
    Returned,
}

/// <summary>A submitted collaboration proposal (協働提案).</summary>
public sealed class Proposal
{
    public long Id { get; set; }
    /// <summary><c>KP-&lt;fiscal year&gt;-&lt;4-digit sequence&gt;</c>, e.g. KP-2027-0001.</summary>
    public required string Reference { get; set; }
    public int FiscalYear { get; set; }
    public int Sequence { get; set; }
    /// <summary>The activity that submitted it: the same activity twice makes one proposal.</summary>
    public required string SubmitActivityId { get; set; }
    /// <summary>The submission token of the draft it was made from (unique): one proposal per draft, whatever the activity ids.</summary>
    public string? DraftToken { get; set; }
    public required string ProposerId { get; set; }
    public string? ProposerName { get; set; }
    public string? ProposerAadObjectId { get; set; }
    public required string Department { get; set; }
    public required string Title { get; set; }
    public required string Organization { get; set; }
    /// <summary>Every answer of the intake dialog, canonical, as a JSON object (field id → value).</summary>
    public required string AnswersJson { get; set; }
    public ProposalState State { get; set; }
    public string? ReviewConversationId { get; set; }
    public string? ReviewActivityId { get; set; }
    public string? ReviewServiceUrl { get; set; }
    public string? ReviewTenantId { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? ReturnComment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Told when a proposal is accepted (it becomes a project); may return a line to post in the review thread.</summary>
public interface IProposalAcceptedListener
{
    Task<string?> OnAcceptedAsync(Proposal proposal, Conversations.Language language, CancellationToken cancellationToken);
}
