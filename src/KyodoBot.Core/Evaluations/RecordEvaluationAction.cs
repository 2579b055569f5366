using System.Globalization;
using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Evaluations;

/// <summary>評価を記録: both ratings (1–5), the quick check, comments and next steps. The first record wins.</summary>
public sealed class RecordEvaluationAction(EvaluationStore store, ReminderOutbox outbox, EvaluationCards cards, DepartmentAccess access, IChannelMessenger messenger,
    Texts texts, TimeProvider time, ILogger<RecordEvaluationAction> logger)
    : EvaluationCardAction(store, outbox, cards, access, messenger, texts, logger)
{
    public const int MaxTextLength = 2000;

    public override string Verb => "evaluation.record";

    protected override async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, DueReminder view, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (view.Due.State == DueState.Recorded)
        {
            return await AlreadyRecordedAsync(view, language, cancellationToken);
        }

        if (view.Due.State != DueState.Scheduled)
        {
            return new CardExecuteResult(null, Texts.Get(language, "evaluation.removed"));
        }

        if (!await MayEditAsync(turn, view, cancellationToken))
        {
            return new CardExecuteResult(null, Texts.Get(language, "evaluation.wrongPlace"));
        }

        var input = new EvaluationCards.RecordInput(
            Clean(CardData.String(data, "issueRating"), 10),
            Clean(CardData.String(data, "conductRating"), 10),
            Clean(CardData.String(data, "principles"), 100),
            Clean(CardData.String(data, "comments"), MaxTextLength, multiline: true),
            Clean(CardData.String(data, "nextSteps"), MaxTextLength, multiline: true));
        if (!TryRating(input.IssueRating, out var issue) || !TryRating(input.ConductRating, out var conduct))
        {
            var error = Texts.Get(language, "evaluation.record.ratingRequired");
            return new CardExecuteResult(Cards.Reminder(view, language, error, input), error);
        }

        var record = new EvaluationRecord
        {
            DueId = view.Due.Id,
            ProjectId = view.Project.Id,
            DueDate = view.Due.DueDate,
            RecordedBy = turn.AadObjectId ?? turn.UserId,
            RecordedByName = turn.UserName,
            RecordedAt = time.GetUtcNow(),
            IssueRating = issue,
            ConductRating = conduct,
            PrincipleChecks = Principles(input.Principles),
            Comments = input.Comments,
            NextSteps = input.NextSteps,
        };
        if (!await Store.RecordAsync(record, cancellationToken))
        {
            return await AlreadyRecordedAsync(view, language, cancellationToken);
        }

        var recorded = view with { Due = (await Store.FindDueAsync(view.Due.Id, cancellationToken))!.Due };
        await UpdateForEveryoneAsync(recorded, language, cancellationToken);
        return new CardExecuteResult(Cards.Recorded(recorded, record, language));
    }

    private async Task<CardExecuteResult> AlreadyRecordedAsync(DueReminder view, Language language, CancellationToken cancellationToken)
    {
        var record = await Store.RecordOfAsync(view.Due.Id, cancellationToken);
        return record is null
            ? new CardExecuteResult(null, Texts.Get(language, "evaluation.unknown"))
            : new CardExecuteResult(Cards.Recorded(view, record, language),
                Texts.Get(language, "evaluation.record.already", Markdown.Escape(record.RecordedByName ?? record.RecordedBy)));
    }

    private static bool TryRating(string text, out int rating) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out rating) && rating is >= 1 and <= EvaluationCards.MaxRating;

    /// <summary>The ticked principles (1–7), as "1,3,7"; anything else a client might send is dropped.</summary>
    private static string Principles(string text) =>
        string.Join(',', text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is >= 1 and <= 7)
            .Distinct()
            .Order());

    private static string Clean(string? text, int max, bool multiline = false)
    {
        var normalized = multiline ? Dialogs.Parsing.FreeText.Multiline(text) : TextNormalizer.Normalize(text);
        return normalized.Length > max ? normalized[..max] : normalized;
    }
}
