using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>What the caller does with a <see cref="DialogStep"/>.</summary>
public enum DialogStatus
{
    /// <summary>A field is being asked: send the messages, store the session.</summary>
    InProgress,
    /// <summary>A yes/no confirmation (cancel) is pending: send, store.</summary>
    AwaitingConfirmation,
    /// <summary>Every field is answered: render <see cref="DialogStep.Summary"/> (card), store.</summary>
    Summary,
    /// <summary>The user confirmed 送信: create the proposal from the session's answers, reply with its number, drop the session.</summary>
    Submitted,
    /// <summary>The user confirmed キャンセル: send the messages, drop the session.</summary>
    Cancelled,
}

/// <summary>The user's turn as the dialog needs it: text, and/or values submitted from a card.</summary>
/// <param name="Text">What the user typed (or a button's value); not yet normalised.</param>
/// <param name="Values">Card values: the current field's id → its answer (and <c>&lt;id&gt;.comment</c>), or <c>command</c> → a command word.</param>
public sealed record DialogInput(string? Text, IReadOnlyDictionary<string, string>? Values = null)
{
    public static DialogInput FromText(string? text) => new(text);
}

/// <summary>What the engine needs to know about the world for one turn.</summary>
/// <param name="Today">Today's date in Asia/Tokyo (for <c>notBefore: today</c>).</param>
/// <param name="Departments">Names of the registered departments, in the order to offer them.</param>
public sealed record DialogContext(DateOnly Today, IReadOnlyList<string> Departments)
{
    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9); // Japan has no daylight saving time.

    /// <summary>Today in Japan according to <paramref name="time"/>.</summary>
    public static DialogContext Create(TimeProvider time, IReadOnlyList<string> departments) =>
        new(TodayInJapan(time), departments);

    public static DateOnly TodayInJapan(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(JapanOffset).DateTime);
}

/// <summary>The engine's answer to one turn.</summary>
/// <param name="Session">The new session to store (unless the status says to drop it).</param>
/// <param name="Status">What happened; see <see cref="DialogStatus"/>.</param>
/// <param name="Messages">What to send, in order (usually one message: the next question with its buttons).</param>
public sealed record DialogStep(DialogSession Session, DialogStatus Status, IReadOnlyList<OutgoingMessage> Messages)
{
    /// <summary>The field now being asked, if any.</summary>
    public FieldDefinition? CurrentField { get; init; }

    /// <summary>
    /// Set when the user typed a question instead of an answer (「公開の原則とは？」): answer it (knowledge base), then
    /// send <see cref="Messages"/>, which re-ask the field. Nothing was stored and no failure was counted.
    /// </summary>
    public string? UnrecognisedQuestion { get; init; }

    /// <summary>At <see cref="DialogStatus.Summary"/>: the answers, structured for a card (user text as TextRuns).</summary>
    public DialogSummary? Summary { get; init; }

    /// <summary>From <see cref="DialogEngine.ApplyForm"/>: the form's errors by field id (localised), empty when none.</summary>
    public IReadOnlyDictionary<string, string> FormErrors { get; init; } = new Dictionary<string, string>();
}
