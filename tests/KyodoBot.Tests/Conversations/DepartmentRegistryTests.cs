using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace KyodoBot.Tests.Conversations;

public sealed class DepartmentRegistryTests : IAsyncLifetime
{
    private BotTestHost _host = new();

    [Fact]
    public async Task Register_InChannel_MapsChannelAndListsIt()
    {
        var channel = BotTestHost.Channel();

        var registered = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 市民活動推進課"));
        var listed = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "部署一覧"));

        Assert.Contains("「市民活動推進課」のチャネルとして登録しました", Assert.Single(registered).Text);
        var list = Assert.Single(listed).Text;
        Assert.Contains("市民活動推進課", list);
        Assert.Contains("協働推進チーム", list);
        var department = await _host.Services.GetRequiredService<DepartmentRegistry>().FindAsync("市民活動推進課", default);
        Assert.Equal(BotTestHost.ChannelId, department!.ChannelId);
    }

    [Fact]
    public async Task Register_StoresChannelReferenceForProactivePosts()
    {
        var channel = BotTestHost.Channel();

        await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 市民活動推進課"));

        var record = await _host.Services.GetRequiredService<IConversationStore>().FindAsync(BotTestHost.ChannelId, default);
        Assert.NotNull(record);
        Assert.Equal("https://smba.example.test/jp/", record.ServiceUrl);
        Assert.Equal(BotTestHost.TenantId, record.TenantId);
        Assert.Equal(BotTestHost.TeamId, record.TeamId);
    }

    [Fact]
    public async Task Register_NameIsNormalised_FullWidthAndSpacesMatchTheSameDepartment()
    {
        var channel = BotTestHost.Channel();
        await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 ＮＰＯ支援課"));

        var again = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録　 NPO支援課  "));

        Assert.Contains("すでにこのチャネルに登録されています", Assert.Single(again).Text);
        Assert.Single(await _host.Services.GetRequiredService<DepartmentRegistry>().ListAsync(default));
    }

    [Fact]
    public async Task Register_SameNameFromAnotherChannel_ByNonAdmin_AsksTheHolder_AndKeepsTheRegistration()
    {
        var cards = CaptureChannelPosts();
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var second = BotTestHost.Channel(channelId: OtherChannel);
        var asking = BotTestHost.Message(second, "登録 市民活動推進課", channelId: OtherChannel);

        var asked = await second.SendAsync(_host.Bot, asking);
        var redelivered = await second.SendAsync(_host.Bot, asking);

        Assert.Contains("確認を依頼しました", Assert.Single(asked).Text);
        Assert.Contains("すでに", Assert.Single(redelivered).Text);
        Assert.Equal(BotTestHost.ChannelId, (await Registered())!.ChannelId);
        var (channel, card, _) = Assert.Single(cards);
        Assert.Equal(BotTestHost.ChannelId, channel);
        Assert.Contains("department.move.approve", card);
    }

    [Fact]
    public async Task MoveRequest_Refused_InTheHoldingChannel_TellsTheAskingChannel_AndASecondAnswerChangesNothing()
    {
        var cards = CaptureChannelPosts();
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var second = BotTestHost.Channel(channelId: OtherChannel);
        await second.SendAsync(_host.Bot, BotTestHost.Message(second, "登録 市民活動推進課", channelId: OtherChannel));
        var id = RequestId(cards[0].Card);

        var refused = await Router.ExecuteAsync(ChannelTurn(BotTestHost.ChannelId), DepartmentMoveAction.Refuse, Data(id), default);
        var late = await Router.ExecuteAsync(ChannelTurn(BotTestHost.ChannelId), DepartmentMoveAction.Approve, Data(id), default);

        Assert.Contains("拒否しました", refused.Message);
        Assert.Contains("拒否済み", refused.CardJson);
        Assert.DoesNotContain("department.move.approve", refused.CardJson);
        Assert.Contains("すでに処理されています", late.Message);
        Assert.Equal(BotTestHost.ChannelId, (await Registered())!.ChannelId);
        var told = cards.Single(c => c.Channel == OtherChannel);
        Assert.Contains("拒否されました", told.Text);
    }

    [Fact]
    public async Task MoveRequest_ApprovedByAnAdmin_FromAnywhere_Moves_ButNotByANonAdminInAPersonalChat()
    {
        await RestartWithAdminsAsync("aad-admin");
        var cards = CaptureChannelPosts();
        var admin = BotTestHost.Channel(aadObjectId: "aad-admin");
        await admin.SendAsync(_host.Bot, BotTestHost.Message(admin, "登録 市民活動推進課"));
        var requestId = await StoreRequestAsync();

        var stranger = await Router.ExecuteAsync(PersonalTurn("aad-someone"), DepartmentMoveAction.Approve, Data(requestId), default);
        var byAdmin = await Router.ExecuteAsync(PersonalTurn("aad-admin"), DepartmentMoveAction.Approve, Data(requestId), default);

        Assert.Null(stranger.CardJson);
        Assert.Contains("管理者のみ", stranger.Message);
        Assert.Contains("変更しました", byAdmin.Message);
        Assert.Equal(OtherChannel, (await Registered())!.ChannelId);
        Assert.Contains(cards, c => c.Channel == OtherChannel && c.Text!.Contains("承認されました"));
    }

    [Fact]
    public async Task MoveRequest_Approved_TheNewChannelActsForTheDepartment_TheOldOneNoLonger()
    {
        CaptureChannelPosts();
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var requestId = await StoreRequestAsync();
        var access = _host.Services.GetRequiredService<DepartmentAccess>();
        Assert.True(await access.MayActForAsync(ChannelTurn(BotTestHost.ChannelId), "市民活動推進課", default));
        Assert.False(await access.MayActForAsync(ChannelTurn(OtherChannel), "市民活動推進課", default));

        var approved = await Router.ExecuteAsync(ChannelTurn(BotTestHost.ChannelId), DepartmentMoveAction.Approve, Data(requestId), default);

        Assert.Contains("承認済み", approved.CardJson);
        Assert.False(await access.MayActForAsync(ChannelTurn(BotTestHost.ChannelId), "市民活動推進課", default));
        Assert.True(await access.MayActForAsync(ChannelTurn(OtherChannel), "市民活動推進課", default));
        Assert.False(await access.MayActForAsync(PersonalTurn("aad-user-1"), "市民活動推進課", default));
    }

    [Fact]
    public async Task Unregister_ADepartmentAnotherChannelHolds_RemovesNothing()
    {
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var second = BotTestHost.Channel(channelId: OtherChannel);

        var replies = await second.SendAsync(_host.Bot, BotTestHost.Message(second, "登録解除 市民活動推進課", channelId: OtherChannel));

        Assert.Contains("登録されている部署はありません", Assert.Single(replies).Text);
        Assert.Equal(BotTestHost.ChannelId, (await Registered())!.ChannelId);
    }

    [Fact]
    public async Task MoveRequest_AfterTheDepartmentMovedAnotherWay_NoLongerApplies()
    {
        CaptureChannelPosts();
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var requestId = await StoreRequestAsync();
        await _host.Services.GetRequiredService<DepartmentRegistry>().MoveAsync("市民活動推進課", BotTestHost.ChannelId,
            new ChannelLocation("19:third@thread.tacv2", "第三の課", null, null), "test", default);

        var late = await Router.ExecuteAsync(ChannelTurn(BotTestHost.ChannelId), DepartmentMoveAction.Approve, Data(requestId), default);

        Assert.Contains("無効になりました", late.Message);
        Assert.Equal("19:third@thread.tacv2", (await Registered())!.ChannelId);
    }

    [Fact]
    public async Task Register_WhenTheHoldingChannelIsParked_SaysAnAdminCanMoveIt_AndPostsNothing()
    {
        var cards = CaptureChannelPosts();
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        await _host.Services.GetRequiredService<DepartmentRegistry>().MarkInactiveAsync("市民活動推進課", "403", default);
        var second = BotTestHost.Channel(channelId: OtherChannel);

        var replies = await second.SendAsync(_host.Bot, BotTestHost.Message(second, "登録 市民活動推進課", channelId: OtherChannel));

        var text = Assert.Single(replies).Text;
        Assert.Contains("投稿できない", text);
        Assert.Contains("管理者", text);
        Assert.Empty(cards);
        Assert.Equal(BotTestHost.ChannelId, (await Registered())!.ChannelId);
    }

    [Fact]
    public async Task Register_SameNameFromAnotherChannel_ByAdmin_MovesIt_AndTellsTheChannelItLeft()
    {
        await RestartWithAdminsAsync("aad-admin");
        var cards = CaptureChannelPosts();
        var first = BotTestHost.Channel(aadObjectId: "aad-admin");
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var second = BotTestHost.Channel(aadObjectId: "aad-admin", channelId: OtherChannel);

        var moved = await second.SendAsync(_host.Bot, BotTestHost.Message(second, "登録 市民活動推進課", channelId: OtherChannel));

        Assert.Contains("このチャネルに変更しました", Assert.Single(moved).Text);
        Assert.Equal(OtherChannel, (await Registered())!.ChannelId);
        Assert.Contains(cards, c => c.Channel == BotTestHost.ChannelId && c.Text!.Contains("管理者"));
    }

    [Fact]
    public async Task Register_WithoutName_ExplainsUsage()
    {
        var channel = BotTestHost.Channel();

        var replies = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録"));

        Assert.Contains("部署名を指定してください", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task Register_InPersonalChat_IsRefusedWithExplanation()
    {
        var personal = BotTestHost.Personal();

        var replies = await personal.SendAsync(_host.Bot, BotTestHost.Message(personal, "登録 市民活動推進課"));

        Assert.Contains("チームのチャネルで", Assert.Single(replies).Text);
        Assert.Empty(await _host.Services.GetRequiredService<DepartmentRegistry>().ListAsync(default));
    }

    [Fact]
    public async Task Register_ByNonAdmin_WhenAdminsConfigured_IsPolitelyRefused()
    {
        await RestartWithAdminsAsync("aad-admin");
        var channel = BotTestHost.Channel(aadObjectId: "aad-someone-else");

        var replies = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 市民活動推進課"));

        Assert.Contains("管理者のみ", Assert.Single(replies).Text);
        Assert.Empty(await _host.Services.GetRequiredService<DepartmentRegistry>().ListAsync(default));
    }

    [Fact]
    public async Task Register_ByAdmin_WhenAdminsConfigured_Succeeds()
    {
        await RestartWithAdminsAsync("aad-other, AAD-ADMIN");
        var channel = BotTestHost.Channel(aadObjectId: "aad-admin");

        var replies = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "register 市民活動推進課"));

        Assert.Contains("登録しました", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task Unregister_ByNonAdmin_WhenAdminsConfigured_IsRefusedAndKeepsMapping()
    {
        await RestartWithAdminsAsync("aad-admin");
        var admin = BotTestHost.Channel(aadObjectId: "aad-admin");
        await admin.SendAsync(_host.Bot, BotTestHost.Message(admin, "登録 市民活動推進課"));
        var other = BotTestHost.Channel(aadObjectId: "aad-someone-else");

        var replies = await other.SendAsync(_host.Bot, BotTestHost.Message(other, "登録解除"));

        Assert.Contains("管理者のみ", Assert.Single(replies).Text);
        Assert.Single(await _host.Services.GetRequiredService<DepartmentRegistry>().ListAsync(default));
    }

    [Fact]
    public async Task Unregister_InChannel_RemovesItsMapping()
    {
        var channel = BotTestHost.Channel();
        await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 市民活動推進課"));

        var replies = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録解除"));
        var listed = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "部署一覧"));

        Assert.Contains("市民活動推進課", Assert.Single(replies).Text);
        Assert.Contains("まだありません", Assert.Single(listed).Text);
    }

    [Fact]
    public async Task Departments_WithHundredsRegistered_ListsTheFirst100_AndSaysHowManyMore()
    {
        var registry = _host.Services.GetRequiredService<KyodoBot.Core.Departments.DepartmentRegistry>();
        var longName = new string('名', 500);
        for (var i = 0; i < 300; i++)
        {
            await registry.RegisterAsync($"{new string('課', 45)}{i:D3}", new KyodoBot.Core.Departments.ChannelLocation($"19:c{i}@thread.tacv2", longName, "19:team", longName), "test", default);
        }

        var channel = BotTestHost.Channel();
        var listed = Assert.Single(await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "部署一覧"))).Text;

        Assert.Contains("登録済みの部署（300件）", listed);
        Assert.Contains("ほか200件", listed);
        Assert.Equal(100, listed.Split('\n').Count(l => l.StartsWith("- **", StringComparison.Ordinal)));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(listed) < 80 * 1024, $"the list is {System.Text.Encoding.UTF8.GetByteCount(listed)} bytes");
    }

    [Fact]
    public async Task Departments_WhereTheCityLanguageIsEnglish_ListsInEnglish()
    {
        await _host.DisposeAsync();
        _host = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:DefaultLanguage"] = "en" });
        var channel = BotTestHost.Channel(locale: "en-US");
        await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "register Civic Affairs"));

        var listed = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "departments"));

        Assert.Contains("Registered departments (1)", Assert.Single(listed).Text);
    }

    [Fact]
    public async Task Register_NameWithMarkdown_IsEscapedInReply()
    {
        var channel = BotTestHost.Channel();

        var replies = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 [課](http://evil.example)"));

        Assert.DoesNotContain("](http", Assert.Single(replies).Text);
    }

    private const string OtherChannel = "19:other@thread.tacv2";

    private TurnRouter Router => _host.Services.GetRequiredService<TurnRouter>();

    private Task<Department?> Registered() => _host.Services.GetRequiredService<DepartmentRegistry>().FindAsync("市民活動推進課", default);

    /// <summary>Posts to channels by id, as the proactive port would make them: (channel, card JSON or text).</summary>
    private List<(string Channel, string? Card, string? Text)> CaptureChannelPosts()
    {
        var posts = new List<(string Channel, string? Card, string? Text)>();
        _host.Messenger.Setup(m => m.PostToChannelAsync(It.IsAny<string>(), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string channel, OutgoingMessage message, CancellationToken _) =>
            {
                posts.Add((channel, message.CardJson, message.Text));
                return new PostedMessage(channel + ";messageid=" + posts.Count, posts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "https://smba.example.test/jp/", BotTestHost.TenantId);
            });
        return posts;
    }

    /// <summary>A pending request from <see cref="OtherChannel"/>, as a non-admin's 登録 there would store it.</summary>
    private async Task<long> StoreRequestAsync()
    {
        var department = (await Registered())!;
        var turn = ChannelTurn(OtherChannel) with { AadObjectId = "aad-user-2" };
        await _host.Services.GetRequiredService<DepartmentMoves>().RequestAsync(turn, department, new ChannelLocation(OtherChannel, "別の課", BotTestHost.TeamId, "協働推進チーム"), default);
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return (await db.DepartmentMoveRequests.AsNoTracking().SingleAsync()).Id;
    }

    private static long RequestId(string? card) =>
        JObject.Parse(card!).SelectToken("$.actions[0].data.requestId")!.Value<long>();

    private static JsonElement Data(long requestId) => JsonSerializer.SerializeToElement(new { requestId, lang = "ja" });

    private static IncomingTurn ChannelTurn(string channelId) => new()
    {
        ActivityId = Guid.NewGuid().ToString("N"),
        UserId = "29:user-1",
        UserName = "山田 花子",
        AadObjectId = "aad-user-1",
        ConversationId = channelId + ";messageid=1",
        Kind = ConversationKind.Channel,
        ChannelId = channelId,
    };

    private static IncomingTurn PersonalTurn(string aadObjectId) => new()
    {
        ActivityId = Guid.NewGuid().ToString("N"),
        UserId = "29:" + aadObjectId,
        UserName = "山田 花子",
        AadObjectId = aadObjectId,
        ConversationId = "a:personal-" + aadObjectId,
        Kind = ConversationKind.Personal,
    };

    private async Task RestartWithAdminsAsync(string admins)
    {
        await _host.DisposeAsync();
        _host = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = admins });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
