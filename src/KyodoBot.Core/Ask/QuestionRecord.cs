using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Ask;

/// <summary>A question asked in Teams and how it was answered: the raw material for improving the manual.</summary>
public sealed class QuestionRecord
{
    public long Id { get; set; }
    /// <summary>The Teams activity that asked it; unique, so a redelivered activity is recorded once.</summary>
    public required string ActivityId { get; set; }
    public required string UserId { get; set; }
    public required string ConversationId { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    /// <summary>The normalised question as searched (at most 1,000 characters).</summary>
    public required string Question { get; set; }
    /// <summary>Lower-case question without punctuation or spaces, to count repeats of the same question.</summary>
    public string QuestionKey { get; set; } = "";
    public Language Language { get; set; }
    public bool Answered { get; set; }
    public double Confidence { get; set; }
    /// <summary>The cited section ids, comma-separated (empty when unanswered).</summary>
    public string SectionIds { get; set; } = "";
    public List<AnswerFeedback> Feedback { get; set; } = [];
}

public enum Vote
{
    Up,
    Down,
}

/// <summary>👍 / 👎 on an answer, one per user and question (a second click changes the vote).</summary>
public sealed class AnswerFeedback
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    public QuestionRecord? QuestionRecord { get; set; }
    public required string UserId { get; set; }
    public Vote Vote { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}
