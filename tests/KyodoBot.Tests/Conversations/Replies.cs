using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace KyodoBot.Tests.Conversations;

internal static class Replies
{
    /// <summary>Sends <paramref name="activity"/> through the bot and returns everything it replied.</summary>
    public static async Task<List<Activity>> SendAsync(this TestAdapter adapter, IBot bot, Activity activity)
    {
        await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<Activity>();
        while (adapter.GetNextReply() is Activity reply)
        {
            replies.Add(reply);
        }

        return replies;
    }

    /// <summary>What the user reads: the text, then the card's text and button titles (a dialog question is a card).</summary>
    public static string Shown(this Activity activity) =>
        string.Join("\n", new[] { activity.Text }.Concat(Dialogs.CardText.Lines(activity.CardJson())).OfType<string>());

    public static string CardJson(this Activity activity) =>
        activity.Attachments?.SingleOrDefault(a => a.ContentType == "application/vnd.microsoft.card.adaptive")?.Content?.ToString() ?? "";
}
