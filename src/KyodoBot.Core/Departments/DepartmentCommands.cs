using KyodoBot.Core.Text;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Departments;

/// <summary>
/// <c>登録 市民活動推進課</c> / <c>register …</c>: maps the current channel to a department. A department no channel holds
/// is registered at once (that is how setup works); one another channel holds moves only for an admin, and otherwise
/// becomes a request the holding channel approves (<see cref="DepartmentMoves"/>).
/// </summary>
public sealed class RegisterDepartmentCommand(
    DepartmentRegistry registry,
    DepartmentMoves moves,
    IEnumerable<IDepartmentRegisteredListener> listeners,
    AdminPolicy admins,
    Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["登録", "register"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var language = turn.Language;
        if (DepartmentCommandGuard.Refuse(turn, admins, texts) is { } refusal)
        {
            return [refusal];
        }

        var name = DepartmentRegistry.NormalizeName(context.Argument);
        if (name.Length == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "departments.register.usage"))];
        }

        if (name.Length > DepartmentRegistry.MaxNameLength)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "departments.register.tooLong", DepartmentRegistry.MaxNameLength))];
        }

        var channel = new ChannelLocation(turn.ChannelId!, turn.ChannelName, turn.TeamId, turn.TeamName);
        var admin = admins.IsAdmin(turn);
        var result = await registry.RegisterAsync(name, channel, turn.AadObjectId ?? turn.UserId, cancellationToken, allowMove: admin);
        if (result.Outcome == RegistrationOutcome.HeldElsewhere)
        {
            return [OutgoingMessage.FromText(await moves.RequestAsync(turn, result.Department, channel, cancellationToken))];
        }

        if (result.Outcome == RegistrationOutcome.Moved)
        {
            await moves.AnnounceAdminMoveAsync(turn, result, cancellationToken);
        }

        if (result.Outcome != RegistrationOutcome.AlreadyRegistered)
        {
            foreach (var listener in listeners)
            {
                await listener.OnRegisteredAsync(result.Department, cancellationToken);
            }
        }

        var text = result.Outcome switch
        {
            RegistrationOutcome.AlreadyRegistered => texts.Get(language, "departments.register.already", Markdown.Escape(result.Department.Name)),
            RegistrationOutcome.Reactivated => texts.Get(language, "departments.register.reactivated", Markdown.Escape(result.Department.Name)),
            RegistrationOutcome.Moved => texts.Get(language, "departments.register.moved", Markdown.Escape(result.Department.Name), Markdown.Escape(result.PreviousChannelName)),
            _ => texts.Get(language, "departments.register.done", Markdown.Escape(result.Department.Name)),
        };
        return [OutgoingMessage.FromText(text)];
    }
}

/// <summary>
/// <c>登録解除 [部署名]</c> / <c>unregister [name]</c>: removes this channel's own mapping(s) — never another channel's, so
/// it needs no more than being in the channel (and being an admin, when admins are configured).
/// </summary>
public sealed class UnregisterDepartmentCommand(DepartmentRegistry registry, AdminPolicy admins, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["登録解除", "unregister"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        if (DepartmentCommandGuard.Refuse(turn, admins, texts) is { } refusal)
        {
            return [refusal];
        }

        var removed = await registry.UnregisterAsync(turn.ChannelId!, context.Argument, cancellationToken);
        var text = removed.Count == 0
            ? texts.Get(turn.Language, "departments.unregister.none")
            : texts.Get(turn.Language, "departments.unregister.done", string.Join("、", removed.Select(d => Markdown.Escape(d.Name))));
        return [OutgoingMessage.FromText(text)];
    }
}

/// <summary><c>部署一覧</c> / <c>departments</c>: lists the registry.</summary>
public sealed class ListDepartmentsCommand(DepartmentRegistry registry, Texts texts) : ICommand
{
    /// <summary>A message is refused over ~100 KB: the list shows this many, with team and channel names cut.</summary>
    public const int MaxListed = 100;
    private const int MaxNameShown = 50;

    public IReadOnlyList<string> Keywords { get; } = ["部署一覧", "departments", "所管課一覧"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        var all = await registry.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "departments.list.empty"))];
        }

        var lines = all.Take(MaxListed).Select(d => texts.Get(language, "departments.list.item",
            Markdown.Escape(Cut(d.Name)),
            Markdown.Escape(Cut(d.TeamName ?? "-")),
            Markdown.Escape(Cut(d.ChannelName ?? d.ChannelId)))).ToList();
        if (all.Count > MaxListed)
        {
            lines.Add(texts.Get(language, "departments.list.more", all.Count - MaxListed, MaxListed));
        }

        return [OutgoingMessage.FromText(texts.Get(language, "departments.list.header", all.Count) + "\n\n" + string.Join("\n", lines))];

        static string Cut(string name) => name.Length <= MaxNameShown ? name : name[..MaxNameShown] + "…";
    }
}

internal static class DepartmentCommandGuard
{
    /// <summary>
    /// Registry changes happen in a channel; when admins are configured, by an admin only. Without admins (a trial, the
    /// first setup) a channel may still register a free department and remove its own; taking over a department
    /// another channel holds needs that channel's approval either way (see <see cref="RegisterDepartmentCommand"/>).
    /// </summary>
    public static OutgoingMessage? Refuse(IncomingTurn turn, AdminPolicy admins, Texts texts)
    {
        if (turn.Kind != ConversationKind.Channel || string.IsNullOrEmpty(turn.ChannelId))
        {
            return OutgoingMessage.FromText(texts.Get(turn.Language, "departments.channelOnly"));
        }

        return !admins.AnyConfigured || admins.IsAdmin(turn) ? null : OutgoingMessage.FromText(texts.Get(turn.Language, "departments.notAdmin"));
    }
}
