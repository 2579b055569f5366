using KyodoBot.Core.Departments;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Register_SameNameFromAnotherChannel_MovesIt()
    {
        var first = BotTestHost.Channel();
        await first.SendAsync(_host.Bot, BotTestHost.Message(first, "登録 市民活動推進課"));
        var second = BotTestHost.Channel(channelId: "19:other@thread.tacv2");

        var moved = await second.SendAsync(_host.Bot, BotTestHost.Message(second, "登録 市民活動推進課", channelId: "19:other@thread.tacv2"));

        Assert.Contains("このチャネルに変更しました", Assert.Single(moved).Text);
        var department = await _host.Services.GetRequiredService<DepartmentRegistry>().FindAsync("市民活動推進課", default);
        Assert.Equal("19:other@thread.tacv2", department!.ChannelId);
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
    public async Task Departments_InEnglish_ListsInEnglish()
    {
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

    private async Task RestartWithAdminsAsync(string admins)
    {
        await _host.DisposeAsync();
        _host = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = admins });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
