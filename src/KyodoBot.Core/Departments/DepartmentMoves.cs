using System.Globalization;
using System.Text.Json.Nodes;
using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using KyodoBot.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Departments;

/// <summary>
/// Moving a department's registration to another channel. An admin's <c>登録</c> moves it at once; anyone else's asks
/// the channel that holds it, with an approval card there (承認 / 拒否, usable from that channel or by an admin). Both
/// channels are told either way. See docs/decisions/0005-department-registry.md.
/// </summary>
public sealed class DepartmentMoves(
    IDbContextFactory<KyodoDbContext> contexts,
    DepartmentRegistry registry,
    AdminPolicy admins,
    IChannelMessenger messenger,
    CardTemplates cards,
    Texts texts,
    IEnumerable<IDepartmentRegisteredListener> listeners,
    TimeProvider time,
    ILogger<DepartmentMoves> logger)
{
    /// <summary>What the other channel reads; it may be anyone's, so Japanese (the city's working language).</summary>
    private static readonly Language ChannelLanguage = Language.Japanese;

    /// <summary>
    /// A non-admin's <c>登録</c> for a department <paramref name="holder"/> holds: post the approval card to the holder's
    /// channel and answer the asking channel. Idempotent on the activity and on (department, asking channel).
    /// </summary>
    public async Task<string> RequestAsync(IncomingTurn turn, Department holder, ChannelLocation to, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var name = Markdown.Escape(holder.Name);
        var from = Markdown.Escape(holder.ChannelName ?? holder.ChannelId);
        if (holder.Inactive)
        {
            return texts.Get(language, "departments.move.undeliverable", name, from);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.DepartmentMoveRequests.AnyAsync(r => r.RequestActivityId == turn.ActivityId
                || (r.NameKey == holder.NameKey && r.ToChannelId == to.ChannelId && r.FromChannelId == holder.ChannelId && r.State == MoveRequestState.Pending),
                cancellationToken))
        {
            return texts.Get(language, "departments.move.alreadyRequested", name, from);
        }

        var request = NewRequest(turn, holder, to, time.GetUtcNow());
        db.DepartmentMoveRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same activity, delivered twice at once: the other delivery stored it and posts the card.
            return texts.Get(language, "departments.move.alreadyRequested", name, from);
        }

        return await PostCardAsync(db, request, holder, language, name, from, cancellationToken);
    }

    /// <summary>Posts the approval card to the holder's channel and keeps where it went; forgets the request when it cannot be posted.</summary>
    private async Task<string> PostCardAsync(KyodoDbContext db, DepartmentMoveRequest request, Department holder, Language language, string name, string from,
        CancellationToken cancellationToken)
    {
        try
        {
            var posted = await messenger.PostToChannelAsync(holder.ChannelId, OutgoingMessage.FromCard(Card(request, ChannelLanguage)), cancellationToken);
            request.CardConversationId = posted.ConversationId;
            request.CardActivityId = posted.ActivityId;
            request.CardServiceUrl = posted.ServiceUrl;
            request.CardTenantId = posted.TenantId;
            await db.SaveChangesAsync(cancellationToken);
            return texts.Get(language, "departments.move.requested", name, from);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nobody can answer a card that never arrived: forget the request, so that asking again (or an admin) works.
            logger.LogWarning(ex, "Could not post the move request of {Department} to channel {ChannelId}", holder.Name, holder.ChannelId);
            db.DepartmentMoveRequests.Remove(request);
            await db.SaveChangesAsync(CancellationToken.None);
            return texts.Get(language, "departments.move.undeliverable", name, from);
        }
    }

    private static DepartmentMoveRequest NewRequest(IncomingTurn turn, Department holder, ChannelLocation to, DateTimeOffset now) => new()
    {
        RequestActivityId = turn.ActivityId,
        NameKey = holder.NameKey,
        DepartmentName = holder.Name,
        FromChannelId = holder.ChannelId,
        FromChannelName = holder.ChannelName,
        ToChannelId = to.ChannelId,
        ToChannelName = to.ChannelName,
        ToTeamId = to.TeamId,
        ToTeamName = to.TeamName,
        RequestedBy = turn.AadObjectId ?? turn.UserId,
        RequestedByName = turn.UserName,
        RequestedAt = now,
        State = MoveRequestState.Pending,
    };

    /// <summary>An admin moved the department directly: the channel it left is told (the new one reads the reply).</summary>
    public async Task AnnounceAdminMoveAsync(IncomingTurn turn, RegistrationResult moved, CancellationToken cancellationToken)
    {
        await SupersedeAsync(moved.Department.NameKey, cancellationToken);
        if (moved.PreviousChannelId is not { } previous)
        {
            return;
        }

        var text = texts.Get(ChannelLanguage, "departments.move.byAdmin", Markdown.Escape(moved.Department.Name),
            Markdown.Escape(moved.Department.ChannelName ?? moved.Department.ChannelId), Markdown.Escape(turn.UserName ?? turn.AadObjectId ?? turn.UserId));
        await TellChannelAsync(previous, text, cancellationToken);
    }

    /// <summary>承認 / 拒否 on the card: only from the channel that holds the department, or by an admin; the first answer wins.</summary>
    public async Task<CardExecuteResult> DecideAsync(IncomingTurn turn, long requestId, bool approve, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (await FindAsync(requestId, cancellationToken) is not { } request)
        {
            return new CardExecuteResult(null, T("departments.move.unknown"));
        }

        var name = Markdown.Escape(request.DepartmentName);
        if (request.State != MoveRequestState.Pending)
        {
            return new CardExecuteResult(Card(request, language), T("departments.move.alreadyDecided"));
        }

        // The channel id is the one Teams sent with the turn; the card data only says which request.
        if (!DepartmentAccess.InChannel(turn, request.FromChannelId) && !admins.IsAdmin(turn))
        {
            return new CardExecuteResult(null, T("departments.move.wrongPlace", name));
        }

        var holder = await registry.FindAsync(request.DepartmentName, cancellationToken);
        if (holder is null || holder.ChannelId != request.FromChannelId)
        {
            await ClaimAsync(request, MoveRequestState.Superseded, turn, cancellationToken);
            return new CardExecuteResult(Card((await FindAsync(requestId, cancellationToken))!, language), T("departments.move.stale", name));
        }

        if (!await ClaimAsync(request, approve ? MoveRequestState.Approved : MoveRequestState.Refused, turn, cancellationToken))
        {
            return new CardExecuteResult(Card((await FindAsync(requestId, cancellationToken))!, language), T("departments.move.alreadyDecided"));
        }

        var message = approve
            ? await ApproveAsync(turn, request, cancellationToken)
            : await RefuseAsync(turn, request, cancellationToken);
        if (message is null)
        {
            return new CardExecuteResult(Card((await FindAsync(requestId, cancellationToken))!, language), T("departments.move.stale", name));
        }

        var decided = (await FindAsync(requestId, cancellationToken))!;
        await UpdateCardForEveryoneAsync(decided, cancellationToken);
        return new CardExecuteResult(Card(decided, language), message);
    }

    /// <summary>Moves the department and tells the new channel; null when it moved elsewhere meanwhile (the request is superseded).</summary>
    private async Task<string?> ApproveAsync(IncomingTurn turn, DepartmentMoveRequest request, CancellationToken cancellationToken)
    {
        var name = Markdown.Escape(request.DepartmentName);
        if (await registry.MoveAsync(request.DepartmentName, request.FromChannelId, request.To, turn.AadObjectId ?? turn.UserId, cancellationToken) is not { } moved)
        {
            await SetStateAsync(request.Id, MoveRequestState.Superseded, cancellationToken);
            return null;
        }

        await SupersedeAsync(moved.NameKey, cancellationToken);
        await TellChannelAsync(request.ToChannelId, texts.Get(ChannelLanguage, "departments.move.approvedThere", name, Decider(turn)), cancellationToken);
        foreach (var listener in listeners)
        {
            // Proposals that waited for a deliverable channel now go to the new one.
            await listener.OnRegisteredAsync(moved, cancellationToken);
        }

        return texts.Get(turn.Language, "departments.move.approvedHere", name, Markdown.Escape(request.ToChannelName ?? request.ToChannelId));
    }

    private async Task<string?> RefuseAsync(IncomingTurn turn, DepartmentMoveRequest request, CancellationToken cancellationToken)
    {
        var name = Markdown.Escape(request.DepartmentName);
        await TellChannelAsync(request.ToChannelId, texts.Get(ChannelLanguage, "departments.move.refusedThere", name,
            Markdown.Escape(request.FromChannelName ?? request.FromChannelId), Decider(turn)), cancellationToken);
        return texts.Get(turn.Language, "departments.move.refusedHere", name);
    }

    private static string Decider(IncomingTurn turn) => Markdown.Escape(turn.UserName ?? turn.AadObjectId ?? turn.UserId);

    public string Card(DepartmentMoveRequest request, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var decidedLine = request.State switch
        {
            MoveRequestState.Approved => T("departments.move.approvedBy", request.DecidedByName ?? request.DecidedBy, Local(request.DecidedAt, language)),
            MoveRequestState.Refused => T("departments.move.refusedBy", request.DecidedByName ?? request.DecidedBy, Local(request.DecidedAt, language)),
            MoveRequestState.Superseded => T("departments.move.supersededLine"),
            _ => "",
        };
        return cards.Render("department-move", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("departments.move.heading"),
            ["departmentName"] = request.DepartmentName,
            ["facts"] = new JsonArray(
                Fact(T("departments.move.from"), Channel(request.FromChannelName, request.FromChannelId, null)),
                Fact(T("departments.move.to"), Channel(request.ToChannelName, request.ToChannelId, request.ToTeamName)),
                Fact(T("departments.move.requestedBy"), request.RequestedByName ?? request.RequestedBy ?? "-"),
                Fact(T("departments.move.requestedAt"), Local(request.RequestedAt, language))),
            ["explanation"] = T("departments.move.explanation"),
            ["decided"] = request.State != MoveRequestState.Pending,
            ["decisionLine"] = decidedLine,
            ["open"] = request.State == MoveRequestState.Pending,
            ["requestId"] = request.Id,
            ["approveLabel"] = T("departments.move.approve"),
            ["refuseLabel"] = T("departments.move.refuse"),
        });
    }

    private async Task<DepartmentMoveRequest?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DepartmentMoveRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>Pending → <paramref name="state"/>, only if still pending: two clicks (or a redelivered invoke) decide once.</summary>
    private async Task<bool> ClaimAsync(DepartmentMoveRequest request, MoveRequestState state, IncomingTurn turn, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DepartmentMoveRequests.Where(r => r.Id == request.Id && r.State == MoveRequestState.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, state)
                .SetProperty(r => r.DecidedBy, turn.AadObjectId ?? turn.UserId)
                .SetProperty(r => r.DecidedByName, turn.UserName)
                .SetProperty(r => r.DecidedAt, time.GetUtcNow()), cancellationToken) > 0;
    }

    private async Task SetStateAsync(long id, MoveRequestState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.DepartmentMoveRequests.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, state), cancellationToken);
    }

    /// <summary>The department moved: the other requests for it no longer apply (their cards say so when pressed).</summary>
    private async Task SupersedeAsync(string nameKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.DepartmentMoveRequests.Where(r => r.NameKey == nameKey && r.State == MoveRequestState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, MoveRequestState.Superseded), cancellationToken);
    }

    private async Task TellChannelAsync(string channelId, string text, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.PostToChannelAsync(channelId, OutgoingMessage.FromText(text), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The move stands; a channel that cannot be told is in the log.
            logger.LogWarning(ex, "Could not tell channel {ChannelId} about a department move", channelId);
        }
    }

    private async Task UpdateCardForEveryoneAsync(DepartmentMoveRequest request, CancellationToken cancellationToken)
    {
        if (request.CardConversationId is null || request.CardActivityId is null || request.CardServiceUrl is null)
        {
            return;
        }

        try
        {
            await messenger.UpdateAsync(new PostedMessage(request.CardConversationId, request.CardActivityId, request.CardServiceUrl, request.CardTenantId),
                OutgoingMessage.FromCard(Card(request, ChannelLanguage)), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not update the move request card {RequestId} for everyone", request.Id);
        }
    }

    private static string Channel(string? name, string id, string? team) =>
        team is { Length: > 0 } ? $"{name ?? id} ({team})" : name ?? id;

    private static JsonObject Fact(string label, string value) => new() { ["label"] = label, ["value"] = value };

    private static string Local(DateTimeOffset? at, Language language) =>
        at is { } value ? CardDates.DateTime(value, Proposals.FiscalYear.Tokyo, language) : "";
}

/// <summary>承認 / 拒否 on the move request card (Action.Execute <c>department.move.approve|refuse</c>).</summary>
public sealed class DepartmentMoveAction(string verb, DepartmentMoves moves, Texts texts) : ICardExecute
{
    public const string Approve = "department.move.approve";
    public const string Refuse = "department.move.refuse";

    public string Verb => verb;

    public Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, System.Text.Json.JsonElement data, CancellationToken cancellationToken) =>
        CardData.TryGetLong(data, "requestId", out var id)
            ? moves.DecideAsync(turn, id, verb == Approve, cancellationToken)
            : Task.FromResult(new CardExecuteResult(null, texts.Get(turn.Language, "departments.move.unknown")));
}
