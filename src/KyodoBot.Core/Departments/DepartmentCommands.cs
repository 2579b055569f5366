using KyodoBot.Core.Text;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Departments;

/// <summary><c>登録 市民活動推進課</c> / <c>register …</c>: maps the current channel to a department.</summary>
public sealed class RegisterDepartmentCommand(
    DepartmentRegistry registry,
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
        var result = await registry.RegisterAsync(name, channel, turn.AadObjectId ?? turn.UserId, cancellationToken);
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

/// <summary><c>登録解除 [部署名]</c> / <c>unregister [name]</c>: removes this channel's mapping(s).</summary>
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
    /// <summary>Registry changes happen in a channel, by an admin when admins are configured.</summary>
    public static OutgoingMessage? Refuse(IncomingTurn turn, AdminPolicy admins, Texts texts)
    {
        if (turn.Kind != ConversationKind.Channel || string.IsNullOrEmpty(turn.ChannelId))
        {
            return OutgoingMessage.FromText(texts.Get(turn.Language, "departments.channelOnly"));
        }

        return admins.IsAdmin(turn) ? null : OutgoingMessage.FromText(texts.Get(turn.Language, "departments.notAdmin"));
    }
}
