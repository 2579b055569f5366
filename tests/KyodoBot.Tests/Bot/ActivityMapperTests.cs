using System.Collections;
using System.Text;
using KyodoBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace KyodoBot.Tests.Bot;

/// <summary>Mention stripping: the bot's @mention removed, other people's names kept, tags reduced — in linear time.</summary>
public sealed class ActivityMapperTests
{
    private static readonly ChannelAccount BotAccount = new("28:bot", "KyodoBot");

    [Fact]
    public void BotMention_IsRemoved_OtherMentionsKeepTheirNames()
    {
        var activity = Message("<at>KyodoBot</at> <at>佐藤 一郎</at>さんの提案について", Mention(BotAccount, "<at>KyodoBot</at>"),
            Mention(new ChannelAccount("29:sato", "佐藤 一郎"), "<at>佐藤 一郎</at>"));

        Assert.Equal("佐藤 一郎さんの提案について", ToText(activity));
    }

    [Fact]
    public void WithoutMentionEntities_EveryAtTagIsTheBot()
    {
        Assert.Equal("登録   市民活動推進課", ToText(Message("<at>KyodoBot</at>登録 <at>x</at> 市民活動推進課")));
    }

    [Theory]
    [InlineData("<at>KyodoBot</at> a <b>b</b> <>c", "a  b  <>c")]
    [InlineData("<at>KyodoBot a<b", "KyodoBot a<b")]
    [InlineData("a<x<y>b<at>z", "a b z")]
    [InlineData("&lt;at&gt; 5 &gt; 3", "<at> 5 > 3")]
    public void Tags_AreReducedLikeTheRegexesTheyReplace(string text, string expected)
    {
        Assert.Equal(expected, ToText(Message(text)));
    }

    [Fact]
    public void ThousandsOfMentions_ReadTheEntitiesOnce_NotOncePerTag()
    {
        const int people = 4000;
        var text = new StringBuilder("<at>KyodoBot</at> 公開の原則とは ");
        var entities = new CountingList([Mention(BotAccount, "<at>KyodoBot</at>")]);
        for (var i = 0; i < people; i++)
        {
            text.Append($"<at>User {i}</at> ");
            entities.Add(Mention(new ChannelAccount($"29:user-{i}", $"User {i}"), $"<at>User {i}</at>"));
        }

        var activity = Message(text.ToString());
        activity.Entities = entities;

        var cleaned = ToText(activity);

        Assert.StartsWith("公開の原則とは User 0 User 1", cleaned);
        // Linear: each entity is read a bounded number of times, whatever the number of tags (it was once per tag).
        Assert.InRange(entities.Reads, entities.Count, 2 * entities.Count);
    }

    private static string ToText(Activity activity) => ActivityMapper.ToTurn(new TurnContext(new TestAdapter(), activity), Core.Conversations.Language.Japanese).Text;

    /// <summary>A mention entity as it arrives over HTTP: its fields in the entity's properties.</summary>
    private static Entity Mention(ChannelAccount who, string markup) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<Entity>(Newtonsoft.Json.JsonConvert.SerializeObject(new Mention(who, markup)))!;

    private static Activity Message(string text, params Entity[] entities) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1",
        Text = text,
        Locale = "ja-JP",
        ChannelId = "msteams",
        From = new ChannelAccount("29:user", "山田 花子"),
        Recipient = BotAccount,
        Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: "19:c@thread.tacv2;messageid=1"),
        Entities = entities.Length == 0 ? null : [.. entities],
    };

    /// <summary>Entities that count how often any of them is read.</summary>
    private sealed class CountingList(List<Entity> items) : IList<Entity>
    {
        public int Reads { get; private set; }

        public int Count => items.Count;

        public bool IsReadOnly => false;

        public Entity this[int index]
        {
            get
            {
                Reads++;
                return items[index];
            }

            set => items[index] = value;
        }

        public IEnumerator<Entity> GetEnumerator()
        {
            foreach (var item in items)
            {
                Reads++;
                yield return item;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Add(Entity item) => items.Add(item);

        public void Clear() => items.Clear();

        public bool Contains(Entity item) => items.Contains(item);

        public void CopyTo(Entity[] array, int arrayIndex)
        {
            Reads += items.Count;
            items.CopyTo(array, arrayIndex);
        }

        public int IndexOf(Entity item) => items.IndexOf(item);

        public void Insert(int index, Entity item) => items.Insert(index, item);

        public bool Remove(Entity item) => items.Remove(item);

        public void RemoveAt(int index) => items.RemoveAt(index);
    }
}
