using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Evaluations;

/// <summary>事業登録 / register project: the admin's card for a project that predates the bot.</summary>
public sealed class RegisterProjectCommand(EvaluationCards cards, DepartmentRegistry departments, AdminPolicy admins, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["事業登録", "register project"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        if (!admins.IsAdmin(context.Turn))
        {
            return [OutgoingMessage.FromText(texts.Get(language, admins.RefusalKey("evaluation.register.adminOnly")))];
        }

        var names = (await departments.ListAsync(cancellationToken)).Select(d => d.Name).ToList();
        return [OutgoingMessage.FromCard(cards.RegisterForm(language, names))];
    }
}
