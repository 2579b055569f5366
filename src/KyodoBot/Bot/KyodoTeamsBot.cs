using KyodoBot.Core.Conversations;
using KyodoBot.Core.Help;
using KyodoBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace KyodoBot.Bot;

/// <summary>
/// The Teams edge: remembers where it is (conversation references), maps activities to Core turns and Core's replies
/// back to activities. Behaviour lives in Core.
/// </summary>
public sealed class KyodoTeamsBot(
    TurnRouter router,
    WelcomeCard welcome,
    IConversationStore conversations,
    ConversationLanguages languages,
    DefaultLanguage defaultLanguage,
    ILogger<KyodoTeamsBot> logger) : TeamsActivityHandler
{
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (ShouldRemember(turnContext.Activity))
        {
            await conversations.SaveAsync(ActivityMapper.ToRecord(turnContext.Activity), cancellationToken);
        }

        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var turn = ActivityMapper.ToTurn(turnContext, defaultLanguage.Value);
        var replies = await router.HandleAsync(turn, cancellationToken);
        await SendAsync(turnContext, replies, cancellationToken);
    }

    /// <summary>Action.Execute on our cards: Core decides; the returned card replaces the clicked one for the clicker.</summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var turn = ActivityMapper.ToTurn(turnContext, defaultLanguage.Value);
        var data = ActivityMapper.ToJsonElement(invokeValue.Action?.Data) ?? default;
        var result = await router.ExecuteAsync(turn, invokeValue.Action?.Verb ?? "", data, cancellationToken);
        if (result.Message is not null)
        {
            await turnContext.SendActivityAsync(ActivityMapper.ToActivity(OutgoingMessage.FromText(result.Message)), cancellationToken);
        }

        await SendAsync(turnContext, result.Replies, cancellationToken);

        return result.CardJson is null
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = "OK" }
            : new AdaptiveCardInvokeResponse
            {
                StatusCode = 200,
                Type = "application/vnd.microsoft.card.adaptive",
                Value = Newtonsoft.Json.Linq.JObject.Parse(result.CardJson),
            };
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        await WelcomeOnceAsync(turnContext, cancellationToken);

    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var record = ActivityMapper.ToRecord((Activity)turnContext.Activity);
        logger.LogInformation("Bot removed from {ConversationKind} conversation {ConversationId}", record.Kind, record.ConversationId);
        await conversations.MarkRemovedAsync(record.ConversationId, cancellationToken);
    }

    protected override async Task OnTeamsMembersAddedAsync(IList<TeamsChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    /// <summary>Teams sends both installationUpdate and conversationUpdate on install; greet once per installation.</summary>
    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var record = ActivityMapper.ToRecord(turnContext.Activity);
        if (!await conversations.TryMarkWelcomedAsync(record.ConversationId, cancellationToken))
        {
            return;
        }

        // An install carries no words to judge by, and the locale is often en-US on Japanese staff's clients: the
        // conversation's stored language greets (a reinstall), else the city's.
        var language = await languages.GreetingAsync(ActivityMapper.ToTurn(turnContext, defaultLanguage.Value), cancellationToken);
        await SendAsync(turnContext, [welcome.Greeting(language)], cancellationToken);
    }

    private static async Task SendAsync(ITurnContext turnContext, IReadOnlyList<OutgoingMessage> replies, CancellationToken cancellationToken)
    {
        if (replies.Count == 0)
        {
            return;
        }

        await turnContext.SendActivitiesAsync(replies.Select(r => (IActivity)ActivityMapper.ToActivity(r)).ToArray(), cancellationToken);
    }

    private static bool ShouldRemember(Activity activity) =>
        !string.IsNullOrEmpty(activity.ServiceUrl)
        && !string.IsNullOrEmpty(activity.Conversation?.Id)
        && activity.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate or ActivityTypes.Invoke
        && !(activity.Type == ActivityTypes.InstallationUpdate && activity.Action == "remove");
}
