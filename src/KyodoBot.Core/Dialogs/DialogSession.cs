using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>Where a session stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DialogPhase>))]
public enum DialogPhase
{
    /// <summary>Asking <see cref="DialogSession.CurrentFieldId"/>.</summary>
    Asking,
    /// <summary>Every field is answered; the summary is shown and 送信 / 修正 / キャンセル are expected.</summary>
    Summary,
    /// <summary>The user confirmed 送信; the caller stores the proposal and drops the session.</summary>
    Submitted,
    /// <summary>The user confirmed キャンセル; the caller drops the session.</summary>
    Cancelled,
}

/// <summary>A question the engine asked and whose yes/no answer it waits for before anything else.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PendingConfirmation>))]
public enum PendingConfirmation
{
    /// <summary>「入力中の提案を中止しますか？」 — はい cancels, いいえ resumes the same field.</summary>
    Cancel,
}

/// <summary>
/// Everything a dialog remembers between turns — and nothing else: the engine is stateless, so the caller stores this
/// (as JSON, per user and conversation) and hands it back on the next turn, possibly days later or on another
/// instance. Answers are strings in canonical form (see <see cref="FieldType"/>): dates <c>yyyy-MM-dd</c>, yen an
/// integer, yes/no <c>yes</c>/<c>no</c>, choices their value; a yes/no comment sits under <see cref="CommentKey"/>.
/// Immutable: each engine call returns a new session.
/// </summary>
public sealed record DialogSession
{
    /// <summary>The version of this JSON shape; bump it (and migrate in <see cref="TryFromJson"/>) when it changes.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public int Version { get; init; } = CurrentVersion;
    /// <summary>The <see cref="DialogDefinition.Id"/> this session runs.</summary>
    public required string DefinitionId { get; init; }
    public DialogPhase Phase { get; init; } = DialogPhase.Asking;
    /// <summary>The field being asked (null at the summary and after the end).</summary>
    public string? CurrentFieldId { get; init; }
    /// <summary>Field id → canonical answer; <c>&lt;id&gt;.comment</c> → the comment of a yes/no field.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = FrozenDictionary<string, string>.Empty;
    /// <summary>Optional fields the user skipped (they count as done while they stay optional).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
    /// <summary>Invalid answers in a row for the current field; at 3 the engine offers help or cancel.</summary>
    public int FailureCount { get; init; }
    public PendingConfirmation? Pending { get; init; }
    /// <summary>Fields answered or skipped, in the order it happened; <c>戻る</c> walks it backwards.</summary>
    public IReadOnlyList<string> History { get; init; } = [];
    /// <summary>The user is changing an answer from the summary: <c>戻る</c> returns there, and so does answering.</summary>
    public bool ReturnToSummary { get; init; }
    /// <summary>
    /// The language the dialog speaks. It stays until the user writes another language (an e-mail address, a date or
    /// a choice number never changes it); null in sessions stored before it was kept.
    /// </summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Language>))]
    public Language? Language { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Where the comment of yes/no field <paramref name="fieldId"/> is kept in <see cref="Answers"/>.</summary>
    public static string CommentKey(string fieldId) => fieldId + ".comment";

    public string? Answer(string fieldId) => Answers.GetValueOrDefault(fieldId);

    public string? CommentOf(string fieldId) => Answers.GetValueOrDefault(CommentKey(fieldId));

    /// <summary>The session as compact JSON (camelCase, enums as strings, Japanese unescaped).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a stored session; false when the JSON is broken or from a newer version (treat as no draft).</summary>
    public static bool TryFromJson(string? json, [NotNullWhen(true)] out DialogSession? session)
    {
        session = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            session = JsonSerializer.Deserialize<DialogSession>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return false;
        }

        if (session is null || session.Version is < 1 or > CurrentVersion || string.IsNullOrEmpty(session.DefinitionId))
        {
            session = null;
            return false;
        }

        return true;
    }
}
