using System.Diagnostics;
using Activity = Microsoft.Bot.Schema.Activity;
using System.Text;
using KyodoBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace KyodoBot.Bench;

/// <summary>
/// The cost of mapping a channel message with many &lt;at&gt; tags and mention entities (issue #9, item 5):
/// <c>-- mentions [--counts 1000,2000,4000] [--shape tags|unclosed]</c> prints, per count, the message size and the CPU time of ActivityMapper.ToTurn.
/// </summary>
public static class MentionCost
{
    public static int Run(string[] args)
    {
        var counts = (Args.Text(args, "--counts") ?? "1000,2000,4000").Split(',').Select(int.Parse).ToList();
        var shape = Args.Text(args, "--shape") ?? "tags";
        var adapter = new TestAdapter();
        ActivityMapper.ToTurn(new TurnContext(adapter, Message(10, shape)), KyodoBot.Core.Conversations.Language.Japanese); // JIT
        foreach (var count in counts)
        {
            var activity = Message(count, shape);
            var bytes = Encoding.UTF8.GetByteCount(Newtonsoft.Json.JsonConvert.SerializeObject(activity));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var turn = ActivityMapper.ToTurn(new TurnContext(adapter, activity), KyodoBot.Core.Conversations.Language.Japanese);
            wall.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"shape={shape}\tmentions={count}\tbytes={bytes}\twall_ms={wall.Elapsed.TotalMilliseconds:F0}\tcpu_ms={used.TotalMilliseconds:F0}\ttext_chars={turn.Text.Length}");
        }

        return 0;
    }

    /// <summary>A channel message addressed to the bot that also mentions <paramref name="count"/> people, each with its entity.</summary>
    /// <summary>An entity as deserialized from the wire: its fields in <see cref="Entity.Properties"/>.</summary>
    private static Entity AsReceived(Mention mention) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<Entity>(Newtonsoft.Json.JsonConvert.SerializeObject(mention))!;

    /// <param name="shape">tags: each &lt;at&gt; has its entity; unclosed: &lt;at&gt; tags never closed (the entities
    /// name other text), the shape that makes a lazy <c>&lt;at&gt;.*?&lt;/at&gt;</c> scan to the end from every tag.</param>
    public static Activity Message(int count, string shape = "tags")
    {
        var bot = new ChannelAccount("28:bot", "KyodoBot");
        var text = new StringBuilder("<at>KyodoBot</at> 公開の原則とは ");
        var entities = new List<Entity> { AsReceived(new Mention(bot, "<at>KyodoBot</at>")) };
        for (var i = 0; i < count; i++)
        {
            var markup = shape == "unclosed" ? $"<at>User {i} " : $"<at>User {i}</at>";
            text.Append(markup).Append(' ');
            entities.Add(AsReceived(new Mention(new ChannelAccount($"29:user-{i}", $"User {i}"), shape == "unclosed" ? $"<at>User {i}</at>" : markup)));
        }

        return new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1",
            Text = text.ToString(),
            ChannelId = "msteams",
            From = new ChannelAccount("29:user", "山田 花子"),
            Recipient = bot,
            Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: "19:c@thread.tacv2;messageid=1"),
            Entities = entities,
        };
    }
}
