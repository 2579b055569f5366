namespace KyodoBot.Core.Ask;

/// <summary>
/// A section the asker opened from the buttons under the refusal of their question ("did you mean" or near sections):
/// their own word for which section the question was about. 未回答一覧 offers it first to the editors; the question
/// stays unanswered (the manual still did not answer it). One row per question and section, so a second click is a no-op.
/// </summary>
public sealed class QuestionPick
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    public QuestionRecord? QuestionRecord { get; set; }
    public required string SectionId { get; set; }
    public DateTimeOffset PickedAt { get; set; }
}
