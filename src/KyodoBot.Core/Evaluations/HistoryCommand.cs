using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Evaluations;

/// <summary>評価履歴 KP-… / history KP-…: the project and every evaluation recorded (public, in the spirit of 公開).</summary>
public sealed class HistoryCommand(EvaluationStore store, EvaluationCards cards, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["評価履歴", "history"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (ProjectReference.Normalize(context.Argument) is not { } reference)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "evaluation.history.usage"))];
        }

        return await store.HistoryAsync(reference, cancellationToken) is { } history
            ? [OutgoingMessage.FromCard(cards.Details(history, language))]
            : [OutgoingMessage.FromText(texts.Get(language, "evaluation.project.unknown", Markdown.Escape(reference)))];
    }
}
