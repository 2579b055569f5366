using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Ask;

/// <summary>
/// What a 👍/👎 button carries so that the question can be stored when feedback arrives: the activity that asked it
/// (the idempotency key), the question and the cited sections. It comes back from the client, so it is validated and
/// clipped like any user input — and it names nobody: who asked and who voted is the turn's user, never a value the
/// client could rewrite.
/// </summary>
public sealed record FeedbackKey(string ActivityId, string Question, string SectionIds, double Confidence)
{
    /// <summary>The key of an answer shown for <paramref name="activityId"/>: the question clipped, the cited sections.</summary>
    public static FeedbackKey Of(string activityId, string question, IEnumerable<string> sectionIds, double confidence) =>
        new(activityId, QuestionLog.Clip(question), string.Join(",", sectionIds), confidence);

    public void WriteTo(JsonObject data)
    {
        data["activityId"] = ActivityId;
        data["question"] = Question;
        data["sections"] = SectionIds;
        data["confidence"] = Math.Round(Confidence, 3);
    }

    public static FeedbackKey? Read(JsonElement data)
    {
        var activityId = CardData.String(data, "activityId");
        var question = QuestionLog.Clip(TextNormalizer.Normalize(CardData.String(data, "question")));
        var sections = CardData.String(data, "sections") ?? "";
        if (string.IsNullOrEmpty(activityId) || activityId.Length > 256 || question.Length == 0 || sections.Length > 1000)
        {
            return null;
        }

        var confidence = double.TryParse(CardData.String(data, "confidence"), NumberStyles.Float, CultureInfo.InvariantCulture, out var c)
            ? Math.Clamp(c, 0, 1)
            : 0;
        return new FeedbackKey(activityId, question, sections, confidence);
    }
}
