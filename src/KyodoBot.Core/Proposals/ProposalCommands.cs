using System.Globalization;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Proposals;

/// <summary><c>提案</c> / <c>propose</c>: starts the proposal intake (in a personal or group chat or a channel).</summary>
public sealed class ProposeCommand(ProposalDialog dialog) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["提案", "協働提案", "提案する", "propose", "proposal"];

    public Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        dialog.StartAsync(context.Turn, cancellationToken);
}

/// <summary><c>続きから</c> / <c>resume</c>: continues the draft at the field where it stopped.</summary>
public sealed class ResumeCommand(ProposalDialog dialog) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["続きから", "再開", "resume"];

    public Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        dialog.ResumeAsync(context.Turn, cancellationToken);
}

/// <summary><c>再提出 KP-…</c> / <c>resubmit KP-…</c>: revise a returned proposal and send it for review again.</summary>
public sealed class ResubmitCommand(ProposalDialog dialog, ProposalStore store, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["再提出", "resubmit"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var reference = context.Argument.Trim().ToUpperInvariant();
        if (reference.Length == 0 || await store.FindAsync(reference, cancellationToken) is not { } proposal || proposal.ProposerId != turn.UserId)
        {
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.resubmit.usage"))];
        }

        if (proposal.State != ProposalState.Returned)
        {
            return [OutgoingMessage.FromText(texts.Get(turn.Language, "proposal.resubmit.notReturned"))];
        }

        return await dialog.ReviseAsync(turn, proposal, cancellationToken);
    }
}

/// <summary><c>提案状況</c> / <c>my proposals</c>: the user's proposals and where they stand.</summary>
public sealed class MyProposalsCommand(ProposalStore store, Texts texts) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["提案状況", "提案一覧", "my proposals", "proposals"];

    public async Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Turn.Language;
        var mine = await store.ForProposerAsync(context.Turn.UserId, cancellationToken);
        if (mine.Count == 0)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "proposal.list.empty"))];
        }

        var lines = mine.Take(20).Select(p => texts.Get(language, "proposal.list.item",
            p.Reference,
            Markdown.Escape(p.Title),
            Markdown.Escape(p.Department),
            texts.Get(language, "proposal.state." + p.State),
            CardDates.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p.CreatedAt, FiscalYear.Tokyo).DateTime), language)));
        return [OutgoingMessage.FromText(texts.Get(language, "proposal.list.header", mine.Count) + "\n\n" + string.Join("\n", lines))];
    }
}
