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

    public static string CardJson(this Activity activity) =>
        activity.Attachments?.SingleOrDefault(a => a.ContentType == "application/vnd.microsoft.card.adaptive")?.Content?.ToString() ?? "";
}
