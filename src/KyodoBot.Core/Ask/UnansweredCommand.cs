using System.Globalization;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Ask;

/// <summary><c>未回答一覧 [YYYY-MM-DD]</c> / <c>unanswered [since]</c>: questions the manual did not answer (or answered badly).</summary>
public sealed class UnansweredCommand(QuestionLog log, AdminPolicy admins, Texts texts, TimeProvider time) : ICommand
{
    public const int DefaultDays = 30;
    public const int Limit = 20;

    public IReadOnlyList<string> Keywords { get; } = ["未回答一覧", "未回答", "unanswered"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (!admins.IsAdmin(context.Turn))
        {
            return [OutgoingMessage.FromText(texts.Get(language, admins.AnyConfigured ? "unanswered.notAdmin" : "access.noAdmins"))];
        }

        DateTimeOffset since;
        if (context.Argument.Length == 0)
        {
            since = time.GetUtcNow().AddDays(-DefaultDays);
        }
        else if (!DateTimeOffset.TryParseExact(context.Argument.Replace('/', '-'), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out since))
        {
            return [OutgoingMessage.FromText(texts.Get(language, "unanswered.badDate"))];
        }

        var lines = await log.UnansweredAsync(since, Limit, cancellationToken);
        var sinceText = since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (lines.Count == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "unanswered.none", sinceText))];
        }

        var items = lines.Select(l => texts.Get(language, "unanswered.item",
            Markdown.Escape(l.Question.Length > 80 ? l.Question[..80] + "…" : l.Question),
            l.UnansweredCount,
            l.DownvoteCount,
            l.LastAsked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            + string.Concat(l.Comments.Take(3).Select(c => "\n  - " + Markdown.Escape(c.Length > 100 ? c[..100] + "…" : c))));
        return [OutgoingMessage.FromText(texts.Get(language, "unanswered.header", lines.Count, sinceText) + "\n\n" + string.Join("\n", items))];
    }
}
