using KyodoBot.Bot;
using KyodoBot.Core;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Proactive;
using Microsoft.Extensions.Time.Testing;
using Moq;
using KyodoBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace KyodoBot.Tests;

/// <summary>
/// Core and the Teams handler on a fresh SQLite file, driven through the SDK's <see cref="TestAdapter"/>: the
/// conversation-test tier (no HTTP).
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    public const string TenantId = "tenant-1";
    public const string TeamId = "19:team@thread.tacv2";
    public const string ChannelId = "19:shimin@thread.tacv2";
    public static readonly ChannelAccount BotAccount = new("28:kyodobot", "KyodoBot");

    private readonly string _directory;
    private readonly bool _ownsDirectory;

    public FakeTimeProvider Time { get; }

    /// <summary>The proactive port (its real implementation is the Bot Framework edge, tested over HTTP).</summary>
    public Mock<IChannelMessenger> Messenger { get; } = new();

    /// <summary>29 November 2026, 10:00 in Tokyo: fiscal year 2026; a proposal may start on 1 April 2027.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9));

    /// <param name="settings">Configuration overrides.</param>
    /// <param name="directory">Reuse a database folder (a "restart" on the same database); a new one otherwise.</param>
    public BotTestHost(IDictionary<string, string?>? settings = null, string? directory = null, FakeTimeProvider? time = null)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Path.Combine(Path.GetTempPath(), "kyodobot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Time = time ?? new FakeTimeProvider(Now);
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:KyodoBot"] = $"Data Source={Path.Combine(_directory, "test.db")};Pooling=False",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        Messenger.Setup(m => m.PostToDepartmentAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Returns((string department, OutgoingMessage _, CancellationToken _) => Task.FromException<PostedMessage>(new DepartmentNotRegisteredException(department)));
        services.AddSingleton(Messenger.Object);
        services.AddKyodoCore(configuration);
        services.AddSingleton<KyodoTeamsBot>();
        Services = services.BuildServiceProvider();
        Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public ServiceProvider Services { get; }

    public IBot Bot => Services.GetRequiredService<KyodoTeamsBot>();

    public static TestAdapter Personal(string userId = "29:user-1", string aadObjectId = "aad-user-1", string locale = "ja-JP") =>
        Adapter(new ConversationAccount(isGroup: false, conversationType: "personal", id: $"a:personal-{userId}", tenantId: TenantId),
            new ChannelAccount(userId, "山田 花子", aadObjectId: aadObjectId), locale);

    public static TestAdapter Channel(string userId = "29:user-1", string aadObjectId = "aad-user-1", string locale = "ja-JP", string channelId = ChannelId) =>
        Adapter(new ConversationAccount(isGroup: true, conversationType: "channel", id: $"{channelId};messageid=1700000000000", tenantId: TenantId),
            new ChannelAccount(userId, "山田 花子", aadObjectId: aadObjectId), locale);

    public static TestAdapter GroupChat(string locale = "ja-JP") =>
        Adapter(new ConversationAccount(isGroup: true, conversationType: "groupChat", id: "19:group@thread.v2", tenantId: TenantId),
            new ChannelAccount("29:user-1", "山田 花子", aadObjectId: "aad-user-1"), locale);

    /// <summary>A message as Teams sends it: in a channel with the bot's @mention and the team/channel in channelData.</summary>
    public static Activity Message(TestAdapter adapter, string text, string? channelId = null)
    {
        var activity = adapter.MakeActivity(text);
        activity.Id = Guid.NewGuid().ToString("N");
        activity.Locale = adapter.Locale;
        if (adapter.Conversation.Conversation.ConversationType == "channel")
        {
            var mention = $"<at>{BotAccount.Name}</at>";
            activity.Text = $"{mention} {text}";
            activity.Entities = [new Mention(BotAccount, mention)];
            activity.ChannelData = JObject.FromObject(new TeamsChannelData
            {
                Team = new TeamInfo(TeamId, "協働推進チーム"),
                Channel = new ChannelInfo(channelId ?? ChannelId, "市民活動推進課"),
                Tenant = new TenantInfo(TenantId),
            });
        }

        return activity;
    }

    public static Activity BotAdded(TestAdapter adapter, string type = ActivityTypes.ConversationUpdate)
    {
        var activity = adapter.MakeActivity();
        activity.Type = type;
        activity.Id = Guid.NewGuid().ToString("N");
        activity.Text = null;
        activity.Locale = adapter.Locale;
        if (type == ActivityTypes.InstallationUpdate)
        {
            activity.Action = "add";
        }
        else
        {
            activity.MembersAdded = [BotAccount];
        }

        return activity;
    }

    private static TestAdapter Adapter(ConversationAccount conversation, ChannelAccount user, string locale) =>
        new(new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example.test/jp/",
            Bot = BotAccount,
            User = user,
            Conversation = conversation,
            Locale = locale,
        })
        {
            Locale = locale,
        };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (_ownsDirectory)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
