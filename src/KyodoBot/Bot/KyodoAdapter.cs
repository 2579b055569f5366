using System.Runtime.ExceptionServices;
using KyodoBot.Bot.Throttling;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Grounding;
using KyodoBot.Core.Localization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace KyodoBot.Bot;

/// <summary>The request did not authenticate: missing, expired, forged or foreign token. Always answered with 401.</summary>
public sealed class BotAuthenticationException(Exception inner) : Exception("The request could not be authenticated.", inner);

/// <summary>
/// <see cref="CloudAdapter"/> with two changes: authentication runs first and every failure of it becomes
/// <see cref="BotAuthenticationException"/> (the SDK answers 500 for a tampered or garbage token); and a turn that
/// throws is logged and answered with an apology instead of surfacing to Teams.
/// </summary>
public sealed class KyodoAdapter : CloudAdapter
{
    public KyodoAdapter(BotFrameworkAuthentication authentication, Texts texts, GroundedAnswerer grounded, DefaultLanguage defaultLanguage, ILogger<KyodoAdapter> logger)
        : base(authentication, logger)
    {
        if (grounded.IsEnabled)
        {
            // Only a model writing a grounded answer makes a turn slow: then a turn over half a second shows "typing…".
            // (Without it every turn would pay for the middleware's timer.)
            Use(new ShowTypingMiddleware(delay: 500, period: 2000));
        }
        OnTurnError = async (turnContext, exception) =>
        {
            if (IsProactive(turnContext.Activity))
            {
                // Nobody to apologise to, and the caller (a proactive post or update) must know the send failed so
                // that the work stays pending: without this the SDK would swallow e.g. a 403 or a final 429.
                ExceptionDispatchInfo.Throw(exception);
            }

            logger.LogError(exception, "Turn failed for activity {ActivityId} ({ActivityType})", turnContext.Activity.Id, turnContext.Activity.Type);
            if (turnContext.Activity.Type == ActivityTypes.Message)
            {
                try
                {
                    var language = LanguageResolver.Resolve(turnContext.Activity.Text, defaultLanguage.Value);
                    await turnContext.SendActivityAsync(MessageFactory.Text(texts.Get(language, "error.turn")));
                }
                catch (Exception sendFailure)
                {
                    logger.LogWarning(sendFailure, "Could not tell the user about the failed turn");
                }
            }
        };
    }

    /// <summary>The turn <see cref="CloudAdapter.ContinueConversationAsync(string, ConversationReference, BotCallbackHandler, CancellationToken)"/> runs.</summary>
    private static bool IsProactive(Activity activity) =>
        activity.Type == ActivityTypes.Event && activity.Name == ActivityEventNames.ContinueConversation;

    public async Task<InvokeResponse?> ProcessAuthenticatedAsync(string? authHeader, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        AuthenticateRequestResult authentication;
        try
        {
            authentication = await BotFrameworkAuthentication.AuthenticateRequestAsync(activity, authHeader ?? "", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new BotAuthenticationException(ex);
        }

        // A user is waiting on this turn: its connector calls go before reminder cards (ADR 0012).
        using (ConnectorCallScope.Begin(ConnectorPriority.Reply))
        {
            return await ProcessActivityAsync(authentication, activity, callback, cancellationToken);
        }
    }
}
