using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Evaluations;

/// <summary>評価日程 KP-… / schedule KP-…: the project's evaluation dates, editable by its department and the admins.</summary>
public sealed class ScheduleCommand(EvaluationStore store, EvaluationCards cards, DepartmentAccess access, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["評価日程", "評価スケジュール", "schedule"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (ProjectReference.Normalize(context.Argument) is not { } reference)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "evaluation.schedule.usage"))];
        }

        if (await store.HistoryAsync(reference, cancellationToken) is not { } history)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "evaluation.project.unknown", Markdown.Escape(reference)))];
        }

        var canEdit = await access.MayActForAsync(context.Turn, history.Project.Department, cancellationToken);
        return [OutgoingMessage.FromCard(cards.Schedule(history, language, canEdit))];
    }
}
