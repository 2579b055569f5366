using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Uploads;
using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.Tests.Knowledge.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// An admin sends a file in the personal chat through the real /api/messages (Teams' file download info attachment):
/// the bot downloads it from a local HTTP server, previews it on a card, and 公開する (an adaptiveCard/action invoke)
/// puts it into a copy of the knowledge folder, where the next question is answered from it.
/// </summary>
public sealed class KnowledgeUploadTests : IAsyncLifetime
{
    private const string Admin = "29:user-admin";
    private const string Question = "庁舎見学ツアーの申込はどこで？";
    private const string Docx = "庁舎案内.docx";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
    private FakeBotConnector _connector = null!;
    private FileServer _files = null!;
    private TestDatabase _database = null!;
    private string _knowledge = null!;
    private BotApp _app = null!;
    private HttpClient _client = null!;

    private static byte[] Guide(string desk = "総務課") => WordFixture.Build(
    [
        new WordHeading(1, "はじめに"),
        new WordParagraph("この手引きの使い方です。"),
        new WordHeading(1, "庁舎見学ツアーの申込"),
        new WordParagraph($"庁舎見学ツアーは{desk}の窓口で申し込みます。"),
    ]);

    [Fact]
    public async Task AdminUploadsAWordFile_PreviewShowsItsSections_PublishPutsItLive_AndASecondPressSaysItIsDone()
    {
        Assert.Contains("該当する記載が見つかりませんでした", Text(await AskAsync(Question)));

        var preview = Card(await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, Guide()))));

        var body = preview.ToJsonString(Unescaped);
        Assert.Contains("ナレッジに追加するファイルの確認", body);
        Assert.Contains(Docx, body);
        Assert.Contains("2 件", body);
        Assert.Contains("・庁舎見学ツアーの申込", body);
        Assert.False(File.Exists(Path.Combine(_knowledge, Docx)));
        Assert.Contains("該当する記載が見つかりませんでした", Text(await AskAsync(Question)));

        var published = await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(preview));

        Assert.True(File.Exists(Path.Combine(_knowledge, Docx)));
        Assert.Contains("公開しました", published.ToJsonString(Unescaped));
        Assert.Empty(Buttons(published));
        await _connector.WaitForAsync(c => ConnectorText(c).Contains("を公開しました"));
        var answer = Text(await AskAsync(Question));
        Assert.Contains("総務課", answer);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_knowledge, KnowledgeUploadStore.FolderName), "*.file"));

        var again = await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(preview));
        Assert.Contains("公開しました", again.ToJsonString(Unescaped));
        await _connector.WaitForAsync(c => ConnectorText(c).Contains("すでに公開済み"));
    }

    [Fact]
    public async Task SameNamedFile_IsReplacedOnlyAfterTheCardSaysSo()
    {
        var ours = Guide();
        var theirs = Guide("企画課");
        var first = Card(await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, ours))));
        Assert.DoesNotContain("置き換えます", first.ToJsonString(Unescaped));
        // Someone else puts a file of that name in place while the card waits.
        await File.WriteAllBytesAsync(Path.Combine(_knowledge, Docx), theirs);

        var warned = await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(first));

        Assert.Contains("置き換えます", warned.ToJsonString(Unescaped));
        Assert.NotEmpty(Buttons(warned));
        Assert.Equal(theirs, await File.ReadAllBytesAsync(Path.Combine(_knowledge, Docx)));
        await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(warned));
        Assert.Equal(ours, await File.ReadAllBytesAsync(Path.Combine(_knowledge, Docx)));
        Assert.Contains("総務課", Text(await AskAsync(Question)));
    }

    [Fact]
    public async Task NonAdmin_IsRefused_AndNothingIsDownloaded()
    {
        var reply = await SendAsync(FileMessage("29:user-suzuki", Docx, _files.Put(Docx, Guide())));

        Assert.Contains("管理者のみ", Text(reply));
        Assert.Empty(_files.Requests);
        Assert.False(File.Exists(Path.Combine(_knowledge, Docx)));
    }

    [Fact]
    public async Task NonAdmin_CannotPublishAnAdminsPendingFile()
    {
        var preview = Card(await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, Guide()))));

        await InvokeAsync("29:user-suzuki", KnowledgeUploadCard.PublishVerb, UploadId(preview), expectCard: false);

        await _connector.WaitForAsync(c => ConnectorText(c).Contains("管理者のみ"));
        Assert.False(File.Exists(Path.Combine(_knowledge, Docx)));
    }

    [Theory]
    [InlineData("写真.png")]
    [InlineData("メモ.txt")]
    public async Task WrongType_IsRefusedByName_WithoutDownloading(string name)
    {
        var reply = await SendAsync(FileMessage(Admin, name, _files.Put(name, [1, 2, 3])));

        Assert.Contains(".docx", Text(reply));
        Assert.Contains(name, Text(reply));
        Assert.Empty(_files.Requests);
    }

    [Fact]
    public async Task PathInTheName_IsStripped_TheFileLandsInTheKnowledgeFolderOnly()
    {
        var preview = Card(await SendAsync(FileMessage(Admin, "../../etc/" + Docx, _files.Put(Docx, Guide()))));

        await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(preview));

        Assert.True(File.Exists(Path.Combine(_knowledge, Docx)));
        Assert.False(File.Exists(Path.Combine(_knowledge, "..", "..", "etc", Docx)));
    }

    [Fact]
    public async Task TooLarge_StopsReadingAtTheLimit_AndKeepsNothing()
    {
        var reply = await SendAsync(FileMessage(Admin, "巨大.pdf", _files.EndlessUrl));

        Assert.Contains("大きすぎる", Text(reply));
        Assert.Contains("1 MB", Text(reply));
        // The server could write at most the limit plus what the sockets buffer, far from its 1 GB.
        Assert.InRange(_files.EndlessBytesSent, 1024 * 1024, 64L * 1024 * 1024);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_knowledge, KnowledgeUploadStore.FolderName), "*.file"));
        Assert.False(File.Exists(Path.Combine(_knowledge, "巨大.pdf")));
    }

    [Fact]
    public async Task DownloadFailure_IsSaid_AndNothingIsKept()
    {
        var reply = await SendAsync(FileMessage(Admin, Docx, _files.BaseUrl + "/missing"));

        Assert.Contains("ダウンロードできませんでした", Text(reply));
        Assert.Contains("HTTP 404", Text(reply));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_knowledge, KnowledgeUploadStore.FolderName), "*.file"));
    }

    [Fact]
    public async Task SlowDownload_TimesOut_AndSaysSo()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var reply = await SendAsync(FileMessage(Admin, Docx, _files.BaseUrl + "/slow"));

        Assert.Contains("時間切れ", Text(reply));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task NotReallyAWordFile_IsAClearReadError()
    {
        var reply = await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, "これは Word ではありません"u8.ToArray())));

        Assert.Contains("読み込めませんでした", Text(reply));
    }

    [Fact]
    public async Task Cancel_LeavesTheKnowledgeUnchanged_AndAPublishAfterwardsSaysItWasCancelled()
    {
        var preview = Card(await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, Guide()))));

        var cancelled = await InvokeAsync(Admin, KnowledgeUploadCard.CancelVerb, UploadId(preview));

        Assert.Contains("取り消しました", cancelled.ToJsonString(Unescaped));
        Assert.Empty(Buttons(cancelled));
        Assert.False(File.Exists(Path.Combine(_knowledge, Docx)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_knowledge, KnowledgeUploadStore.FolderName), "*.file"));

        var late = await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(preview));
        Assert.Contains("取り消しました", late.ToJsonString(Unescaped));
        await _connector.WaitForAsync(c => ConnectorText(c).Contains("すでに取り消されています"));
        Assert.False(File.Exists(Path.Combine(_knowledge, Docx)));
    }

    [Fact]
    public async Task PendingFile_SurvivesARestart_AndCanBePublishedAfterIt()
    {
        var preview = Card(await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, Guide()))));
        await RestartAsync();

        await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(preview));

        Assert.Contains("総務課", Text(await AskAsync(Question)));
    }

    [Fact]
    public async Task TwoFilesInOneMessage_EachGetsItsOwnPreview_AndIsDecidedOnItsOwn()
    {
        const string Pdf = "開館案内.pdf";
        var pdf = new PdfFixture().Page().Text("Opening hours", 16, 72, 780).Text("The city hall opens at 8:30 on weekdays.", 11, 72, 750).Build();
        var message = FileMessage(Admin, Docx, _files.Put(Docx, Guide()));
        message["attachments"]!.AsArray().Insert(1, FileAttachment(Pdf, _files.Put(Pdf, pdf)));

        var cards = Cards(await SendAsync(message));

        Assert.Equal(2, cards.Count);
        Assert.Contains(Docx, cards[0].ToJsonString(Unescaped));
        Assert.Contains("・庁舎見学ツアーの申込", cards[0].ToJsonString(Unescaped));
        Assert.Contains(Pdf, cards[1].ToJsonString(Unescaped));
        Assert.Contains("・Opening hours（1ページ）", cards[1].ToJsonString(Unescaped));
        Assert.NotEqual(UploadId(cards[0]), UploadId(cards[1]));

        await InvokeAsync(Admin, KnowledgeUploadCard.CancelVerb, UploadId(cards[1]));
        await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, UploadId(cards[0]));

        Assert.True(File.Exists(Path.Combine(_knowledge, Docx)));
        Assert.False(File.Exists(Path.Combine(_knowledge, Pdf)));
        Assert.Contains("総務課", Text(await AskAsync(Question)));
    }

    [Fact]
    public async Task OldUploads_AreCleanedAtTheNextUpload_AnUndecidedPreviewExpires_DecidedRecordsGoAfterTheRetention()
    {
        var waiting = UploadId(Card(await SendAsync(FileMessage(Admin, Docx, _files.Put(Docx, Guide())))));
        var cancelled = UploadId(Card(await SendAsync(FileMessage(Admin, "取消.docx", _files.Put("取消.docx", Guide("企画課"))))));
        await InvokeAsync(Admin, KnowledgeUploadCard.CancelVerb, cancelled);
        var staging = Path.Combine(_knowledge, KnowledgeUploadStore.FolderName);
        Assert.True(File.Exists(Path.Combine(staging, waiting + ".file")));

        // 15 days later (expiry 14): the next upload expires the waiting preview; the cancelled record is kept (retention 30).
        _clock.Advance(TimeSpan.FromDays(15));
        await SendAsync(FileMessage(Admin, "別紙.docx", _files.Put("別紙.docx", Guide())));

        Assert.False(File.Exists(Path.Combine(staging, waiting + ".file")));
        Assert.True(File.Exists(Path.Combine(staging, cancelled + ".json")));
        var expired = await InvokeAsync(Admin, KnowledgeUploadCard.PublishVerb, waiting);
        Assert.Contains("期限切れ", expired.ToJsonString(Unescaped));
        Assert.Empty(Buttons(expired));
        await _connector.WaitForAsync(c => ConnectorText(c).Contains("14 日を過ぎたため期限切れ"));
        Assert.False(File.Exists(Path.Combine(_knowledge, Docx)));

        // 16 days more: the cancelled record is 31 days old and goes; the expired one (16 days) stays.
        _clock.Advance(TimeSpan.FromDays(16));
        await SendAsync(FileMessage(Admin, "別紙2.docx", _files.Put("別紙2.docx", Guide())));

        Assert.False(File.Exists(Path.Combine(staging, cancelled + ".json")));
        Assert.True(File.Exists(Path.Combine(staging, waiting + ".json")));
        await InvokeAsync(Admin, KnowledgeUploadCard.CancelVerb, cancelled, expectCard: false);
        await _connector.WaitForAsync(c => ConnectorText(c).Contains("確認カードが見つかりません"));
    }

    [Fact]
    public async Task EnglishConversation_IsRefusedInEnglish()
    {
        var activity = FileMessage("29:user-suzuki", Docx, _files.Put(Docx, Guide()));
        activity["text"] = "Please add this manual";

        var reply = await SendAsync(activity);

        Assert.Contains("only administrators", Text(reply));
    }

    private JsonObject FileMessage(string userId, string name, string downloadUrl)
    {
        var activity = Activities.PersonalMessage(_connector.ServiceUrl, "", userId: userId, expectReplies: true);
        activity["attachments"] = new JsonArray(
            FileAttachment(name, downloadUrl),
            // Teams also sends the message's HTML; it is not a file.
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<div></div>" });
        return activity;
    }

    private static JsonObject FileAttachment(string name, string downloadUrl) => new()
    {
        ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
        ["contentUrl"] = "https://contoso.sharepoint.test/personal/" + Uri.EscapeDataString(name),
        ["name"] = name,
        ["content"] = new JsonObject
        {
            ["downloadUrl"] = downloadUrl,
            ["uniqueId"] = Guid.NewGuid().ToString().ToUpperInvariant(),
            ["fileType"] = Path.GetExtension(name).TrimStart('.'),
        },
    };

    /// <summary>Every card of the reply, in order.</summary>
    private static List<JsonObject> Cards(JsonNode body) =>
        [.. body["activities"]!.AsArray().Select(a => a!.AsObject())
            .Where(a => a["type"]!.GetValue<string>() == "message")
            .SelectMany(a => a["attachments"]?.AsArray() ?? [])
            .Select(a => a!["content"]!.AsObject())];

    private async Task<JsonNode> AskAsync(string text) =>
        await SendAsync(Activities.PersonalMessage(_connector.ServiceUrl, text, userId: "29:user-yamada", expectReplies: true));

    private async Task<JsonNode> SendAsync(JsonObject activity)
    {
        var response = await _client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Presses a button of the preview card; returns the card that replaces it.</summary>
    private async Task<JsonObject> InvokeAsync(string userId, string verb, string uploadId, bool expectCard = true)
    {
        var activity = Activities.PersonalMessage(_connector.ServiceUrl, "", userId: userId);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["uploadId"] = uploadId, ["lang"] = "ja" } },
        };
        var response = await _client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (!expectCard)
        {
            Assert.NotEqual("application/vnd.microsoft.card.adaptive", body["type"]?.GetValue<string>());
            return [];
        }

        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]?.GetValue<string>());
        return body["value"]!.AsObject();
    }

    private static JsonObject Reply(JsonNode body) =>
        body["activities"]!.AsArray().Select(a => a!.AsObject()).Last(a => a["type"]!.GetValue<string>() == "message");

    private static string Text(JsonNode body) => Reply(body)["text"]?.GetValue<string>() ?? Reply(body).ToJsonString(Unescaped);

    private static JsonObject Card(JsonNode body) =>
        Reply(body)["attachments"]?.AsArray() is [{ } attachment] && attachment["content"] is JsonObject content
            ? content
            : throw new Xunit.Sdk.XunitException("no card: " + Reply(body).ToJsonString(Unescaped));

    private static string UploadId(JsonObject card) => Buttons(card).First()["data"]!["uploadId"]!.GetValue<string>();

    private static List<JsonObject> Buttons(JsonObject card) =>
        card["actions"]?.AsArray().Select(a => a!.AsObject()).Where(a => a["type"]?.GetValue<string>() == "Action.Execute").ToList() ?? [];

    private static string ConnectorText(ConnectorCall call) =>
        (call.Body["text"] ?? call.Body["activity"]?["text"])?.GetValue<string>() ?? "";

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private BotApp StartBot()
    {
        var settings = BotApp.Anonymous(_database);
        settings["Kyodo:Admins"] = "aad-" + Admin;
        settings[KnowledgeUploadOptions.MaxBytesKey] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Long enough for a small local download while CI runs the unit tests beside these (with 2 s, one CI run got a
        // reply without a card here, most likely a timed-out download; it passed alone every time); the slow endpoint's
        // 30 s still times out well within its test's 20 s bound.
        settings[KnowledgeUploadOptions.TimeoutKey] = "8";
        return new BotApp(settings, services => services.AddSingleton(new KnowledgeBase(_knowledge)).AddSingleton<TimeProvider>(_clock));
    }

    private async Task RestartAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _app = StartBot();
        _client = _app.CreateClient();
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _files = await FileServer.StartAsync();
        _database = TestDatabase.CreateSqlite();
        _knowledge = Directory.CreateTempSubdirectory("kyodo-knowledge-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "knowledge")))
        {
            File.Copy(file, Path.Combine(_knowledge, Path.GetFileName(file)));
        }

        _app = StartBot();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Teardown.DisposeAllAsync(_client, _app, _database, _files, _connector);
        Directory.Delete(_knowledge, recursive: true);
    }
}
