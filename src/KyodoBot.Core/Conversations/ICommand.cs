namespace KyodoBot.Core.Conversations;

/// <summary>What a command receives: the turn and the text after the keyword.</summary>
public sealed record CommandContext(IncomingTurn Turn, string Argument);

/// <summary>A chat command (ヘルプ, 登録 …). The router picks it by keyword; the command does the rest.</summary>
public interface ICommand
{
    /// <summary>Keywords in any language (compared after NFKC and lower-casing), e.g. <c>ヘルプ</c>, <c>help</c>.</summary>
    IReadOnlyList<string> Keywords { get; }

    Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <summary>What answers a turn that is no command (a question, later a dialog answer).</summary>
public interface IFallbackHandler
{
    Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, string text, CancellationToken cancellationToken);
}
