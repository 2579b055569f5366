using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// The learning loop through the real /api/messages, on a copy of the knowledge folder: a question the manual cannot
/// answer is recorded; the admin's 未回答一覧 suggests sections with a button; the button writes the question into the
/// section's side file as an alternate phrasing; the same question is then answered, and the person who asked is told in
/// their personal chat (at the fake Bot Connector). The other button, 「マニュアル外として登録」, writes the question into
/// <c>_not-in-manual.tsv</c>: a question answered wrongly (👎) is then refused. Either way the question leaves the list.
/// </summary>
public sealed class LearningLoopTests : IAsyncLifetime
{
    private const string Admin = "29:user-admin";
    private const string Asker = "29:user-yamada";
    // Refused even with the shipped phrasings (the nearest question the manual does not answer is nearer).
    private const string Question = "ボランティアさんに仕事まるなげしちゃってもいいのかな？";
    // Answered today from the autonomy principle, which only shares its words (自主性, 団体): the manual says nothing about
    // audits. Until session 16 this was 「協働事業の補助金はどうやってもらうの？」, which the staff questions' negatives now
    // refuse by themselves (ADR 0069); until session 18 「協働事業の補助金って何に使っていいの？」, which the phrasing
    // classifier now refuses by itself (ADR 0073).
    private const string WronglyAnswered = "自主性を尊重するってことは、団体の会計監査はしなくていいの？";
    // Near the domain, refused (a date the manual lacks), and asked again and again.
    private const string Deadline = "補助金の締切はいつ？";
    // Told in everyday words no section shares: refused, with the sections the phrasings place nearest (the note on public
    // money first). Until session 23 it said 「毎年同じことの繰り返しで」 too, which both readings take for principle 7 and
    // which is answered since ADR 0079.
    private const string Story = "自治会と始めた防犯パトロールも五年目です。なんとなくモヤモヤしています。";

    // A story about working with a partner in words no section shares and no phrasing is near: asked back.
    // (Until session 23 「…警備をやったのですが、当日になって揉めてしまいました。」: answered since ADR 0079 with principle 4.)
    private const string PartnerStory = "町内会の方々と花火大会の警備をやりました。何がいけなかったのでしょう？";

    private FakeBotConnector _connector = null!;
    private TestDatabase _database = null!;
    private string _knowledge = null!;
    private BotApp _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task UnansweredQuestion_AddedAsPhrasingFromTheList_IsAnsweredNext_AndTheAskerIsTold()
    {
        var before = await AskAsync(Asker, Question);
        Assert.Contains("該当する記載が見つかりませんでした", Text(before));

        var list = await SendAsync(Activities.PersonalMessage(_connector.ServiceUrl, "未回答一覧", userId: Admin, expectReplies: true));
        Assert.Contains("仕事まるなげ", Text(list));
        Assert.Contains("候補:", Text(list));
        var button = Buttons(list, "addPhrasing").First();
        var sectionId = button["section"]!.GetValue<string>();
        var title = _app.Services.GetRequiredService<IKnowledgeBase>().Find(sectionId)!.Title;

        var markdown = await File.ReadAllTextAsync(FileOf(sectionId));
        var side = await File.ReadAllTextAsync(FileOf(sectionId) + ".questions.yaml");

        var added = await SendAsync(Submit(Admin, button));

        Assert.Contains("言い換えとして追加しました", Text(added));
        Assert.Equal(markdown, await File.ReadAllTextAsync(FileOf(sectionId))); // the Markdown is not touched
        var learned = await File.ReadAllTextAsync(FileOf(sectionId) + ".questions.yaml");
        var line = $"  - \"{KnowledgePhrasings.Clean(Question)}\"\n";
        Assert.Contains(line, learned);
        Assert.Equal(side, learned.Replace(line, "", StringComparison.Ordinal)); // comments, entries and order kept
        Assert.Contains(KnowledgePhrasings.Clean(Question)!, _app.Services.GetRequiredService<IKnowledgeBase>().Find(sectionId)!.SideQuestions);
        var after = await AskAsync("29:user-suzuki", Question);
        Assert.DoesNotContain("該当する記載が見つかりませんでした", Text(after));
        Assert.Contains(title, Reply(after).ToJsonString(Unescaped));
        var notice = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == "a:personal-" + Asker
            && c.Body["type"]?.GetValue<string>() == "message" && (c.Body["text"]?.GetValue<string>() ?? "").Contains("お答えできるようになりました")));
        Assert.Contains(title, notice.Body["text"]!.GetValue<string>().Replace("\\", "", StringComparison.Ordinal)); // Markdown-escaped
        Assert.DoesNotContain("仕事まるなげ", Text(await ListAsync())); // decided: off the list
    }

    [Fact]
    public async Task RefusedStory_OffersNearSections_TheAskersPickComesFirstIn未回答一覧_AndIsAddedWithOneClick()
    {
        var refusal = await AskAsync(Asker, Story);
        Assert.Contains("次の項目が近いかもしれません", Text(refusal));
        var offered = Buttons(refusal, "section");
        Assert.InRange(offered.Count, 2, 3);
        Assert.Equal("public-money-note", offered[0]["id"]!.GetValue<string>());
        // The asker opens the last one offered: not the ranking's first, so the list must move it up.
        var pick = offered[^1];
        var pickedId = pick["id"]!.GetValue<string>();
        var knowledge = _app.Services.GetRequiredService<IKnowledgeBase>();
        var pickedTitle = knowledge.Find(pickedId)!.Title;

        var shown = await SendAsync(Submit(Asker, pick));
        Assert.Contains(pickedTitle, Reply(shown).ToJsonString(Unescaped));
        await SendAsync(Submit(Asker, pick)); // a second click stores nothing more
        await SendAsync(Submit("29:user-suzuki", pick)); // someone else's click on the asker's card is not the asker's pick

        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(pickedId, (await db.QuestionPicks.SingleAsync()).SectionId);
        }

        var list = await ListAsync();
        Assert.Contains("防犯パトロール", Text(list)); // the manual still did not answer it: still listed
        Assert.Contains($"✔「{pickedTitle}」（質問した方が選択）", Text(list).Replace("\\", "", StringComparison.Ordinal));
        var first = Actions(list).First(a => a["data"]!["action"]!.GetValue<string>() == "addPhrasing"
            && a["data"]!["question"]!.GetValue<string>().Contains("防犯パトロール", StringComparison.Ordinal));
        Assert.Equal(pickedId, first["data"]!["section"]!.GetValue<string>());
        Assert.StartsWith("✔", first["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"✔ 質問した方が選んだ項目: {pickedTitle}", Reply(list).ToJsonString(Unescaped));

        var added = await SendAsync(Submit(Admin, first["data"]!.AsObject()));

        Assert.Contains("言い換えとして追加しました", Text(added));
        Assert.Contains(KnowledgePhrasings.Clean(Story)!, knowledge.Find(pickedId)!.SideQuestions);
    }

    [Fact]
    public async Task SameButtonPressedTwice_AddsThePhrasingOnce_AndTellsNobodyTwice()
    {
        await AskAsync(Asker, Question);
        var button = Buttons(await ListAsync(), "addPhrasing").First();

        await SendAsync(Submit(Admin, button));
        var second = await SendAsync(Submit(Admin, button));

        Assert.Contains("すでに", Text(second));
        var file = await File.ReadAllTextAsync(FileOf(button["section"]!.GetValue<string>()) + ".questions.yaml");
        Assert.Equal(1, CountOf(file, $"\"{KnowledgePhrasings.Clean(Question)}\""));
        await _connector.WaitForAsync(c => c.ConversationId == "a:personal-" + Asker && (c.Body["text"]?.GetValue<string>() ?? "").Contains("お答えできるようになりました"));
        Assert.Single(_connector.Calls, c => c.ConversationId == "a:personal-" + Asker && (c.Body["text"]?.GetValue<string>() ?? "").Contains("お答えできるようになりました"));
    }

    [Fact]
    public async Task NonAdmin_CannotAddAPhrasing_AndTheFileIsUnchanged()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(_knowledge, "principles.md"));
        var button = new JsonObject { ["action"] = "addPhrasing", ["lang"] = "ja", ["question"] = Question, ["section"] = "principle-1", ["notify"] = true };

        var reply = await SendAsync(Submit("29:user-suzuki", button));

        Assert.Contains("管理者のみ", Text(reply));
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(_knowledge, "principles.md")));
    }

    [Fact]
    public async Task WrongAnswerDownvoted_MarkedNotInManualFromTheList_IsRefusedNext_AndLeavesTheList()
    {
        var answered = await AskAsync(Asker, WronglyAnswered);
        Assert.DoesNotContain("該当する記載が見つかりませんでした", Text(answered));
        await SendAsync(Submit(Asker, Buttons(answered, "feedback").Single(b => b["vote"]?.GetValue<string>() == "down")));
        var list = await ListAsync();
        Assert.Contains("会計監査はしなくていい", Text(list));
        var button = Buttons(list, "notInManual").Single(b => b["question"]!.GetValue<string>().Contains("会計監査はしなくていい", StringComparison.Ordinal));

        var marked = await SendAsync(Submit(Admin, button));

        Assert.Contains("マニュアルに載っていない質問として登録しました", Text(marked));
        Assert.EndsWith($"\nlearned\t{KnowledgePhrasings.Clean(WronglyAnswered)}\n", await File.ReadAllTextAsync(NotInManualFile));
        Assert.Contains("該当する記載が見つかりませんでした", Text(await AskAsync("29:user-suzuki", WronglyAnswered)));
        Assert.Contains("該当する記載が見つかりませんでした", Text(await AskAsync("29:user-suzuki", "自主性を尊重するなら、団体の会計監査はしなくてもいいんですか？")));
        Assert.DoesNotContain("会計監査はしなくていい", Text(await ListAsync()));
        Assert.DoesNotContain(_connector.Calls, c => c.ConversationId == "a:personal-" + Asker && c.Method == "POST"
            && (c.Body["text"]?.GetValue<string>() ?? "").Contains("マニュアル", StringComparison.Ordinal)); // nobody is told
    }

    [Fact]
    public async Task RefusedQuestion_MarkedNotInManualTwice_WritesOneLine_AndLeavesTheListEvenWhenAskedAgain()
    {
        await AskAsync(Asker, Deadline);
        await AskAsync("29:user-suzuki", Deadline);
        var list = await ListAsync();
        var button = Buttons(list, "notInManual").Single(b => b["question"]!.GetValue<string>().Contains("締切", StringComparison.Ordinal));
        // A section's long title is cut on its button (Teams would clip it at the card's edge); the tooltip has it whole,
        // and so has the line of candidates above the buttons (a phone shows no tooltip).
        var knowledge = _app.Services.GetRequiredService<IKnowledgeBase>();
        var candidates = Texts(Reply(list)).Where(t => t.StartsWith("候補: ", StringComparison.Ordinal))
            .SelectMany(t => t["候補: ".Length..].Split(" / ")).ToList();
        Assert.NotEmpty(candidates);
        foreach (var action in Actions(list).Where(a => a["data"]!["action"]!.GetValue<string>() == "addPhrasing"))
        {
            var title = knowledge.Find(action["data"]!["section"]!.GetValue<string>())!.Title;
            Assert.Contains(title, candidates);
            Assert.Equal($"「{title}」の言い換えに追加", action["tooltip"]!.GetValue<string>());
            Assert.Equal($"「{(title.Length > UnansweredCommand.MaxTitleShown ? title[..UnansweredCommand.MaxTitleShown] + "…" : title)}」の言い換えに追加", action["title"]!.GetValue<string>());
        }


        await SendAsync(Submit(Admin, button));
        var second = await SendAsync(Submit(Admin, button));

        Assert.Contains("すでに", Text(second));
        Assert.Equal(1, CountOf(await File.ReadAllTextAsync(NotInManualFile), $"learned\t{KnowledgePhrasings.Clean(Deadline)}\n"));
        Assert.Contains("該当する記載が見つかりませんでした", Text(await AskAsync("29:user-sato", Deadline)));
        Assert.DoesNotContain("締切", Text(await ListAsync()));
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        var decision = await db.QuestionDecisions.SingleAsync();
        Assert.Equal((DecisionKind.NotInManual, "aad-" + Admin), (decision.Kind, decision.DecidedBy));
    }

    [Fact]
    public async Task NonAdmin_CannotMarkNotInManual_NothingIsWritten_AndTheQuestionStaysListed()
    {
        await AskAsync(Asker, Deadline);
        var original = await File.ReadAllTextAsync(NotInManualFile);
        var button = new JsonObject { ["action"] = "notInManual", ["lang"] = "ja", ["question"] = Deadline };

        var reply = await SendAsync(Submit("29:user-suzuki", button));

        Assert.Contains("管理者のみ", Text(reply));
        Assert.Equal(original, await File.ReadAllTextAsync(NotInManualFile));
        Assert.Contains("締切", Text(await ListAsync()));
    }

    [Fact]
    public async Task EnglishAdmin_GetsTheNotInManualButtonAndReplyInEnglish()
    {
        await AskAsync(Asker, Deadline);
        await SendAsync(Activities.PersonalMessage(_connector.ServiceUrl, "What are the seven principles of collaboration?", userId: Admin, expectReplies: true, locale: "en-US"));
        var list = await SendAsync(Activities.PersonalMessage(_connector.ServiceUrl, "unanswered", userId: Admin, expectReplies: true, locale: "en-US"));
        var card = Reply(list)["attachments"]!.AsArray().Single()!["content"]!.ToJsonString(Unescaped);
        Assert.Contains("\"Not in the manual\"", card);
        var button = Buttons(list, "notInManual").Single();

        var reply = await SendAsync(Submit(Admin, button, locale: "en-US"));

        Assert.Contains("as a question the manual does not answer", Text(reply));
    }

    [Fact]
    public async Task PartnerStory_IsAskedBack_ThePrinciplePickedIsShownAsAnAnswerAndRecorded_AndAppearsFirstIn未回答一覧()
    {
        var asked = await AskAsync(Asker, PartnerStory);

        Assert.Equal("協働マニュアルにそのままの記載は見つかりませんでしたが、次の行動規範のどれに近いご相談でしょうか？", Text(asked));
        Assert.Contains("記録しました", Reply(asked).ToJsonString(Unescaped));
        var principles = Buttons(asked, "section");
        Assert.Equal(7, principles.Count);
        Assert.Single(Buttons(asked, "askBackNone"));
        var pick = principles.Single(p => p["id"]!.GetValue<string>() == "principle-4");
        var title = _app.Services.GetRequiredService<IKnowledgeBase>().Find("principle-4")!.Title;

        var shown = await SendAsync(Submit(Asker, pick));

        // The section exactly as a normal answer: its quote as the text, the citation, the answer card with 👍/👎.
        var normal = await SendAsync(Submit("29:user-suzuki", new JsonObject { ["action"] = "section", ["id"] = "principle-4", ["lang"] = "ja" }));
        Assert.Equal(Text(normal), Text(shown));
        Assert.Contains("役割と責任を協議し", Text(shown));
        Assert.Contains(title, Reply(shown).ToJsonString(Unescaped));
        Assert.NotEmpty(Buttons(shown, "feedback"));
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal("principle-4", (await db.QuestionPicks.SingleAsync()).SectionId);
            Assert.False((await db.Questions.SingleAsync()).Answered); // still unanswered: the manual did not answer it
        }

        var list = await ListAsync();
        Assert.Contains($"✔「{title}」（質問した方が選択）", Text(list).Replace("\\", "", StringComparison.Ordinal));
        var first = Actions(list).First(a => a["data"]!["action"]!.GetValue<string>() == "addPhrasing"
            && a["data"]!["question"]!.GetValue<string>().Contains("花火大会", StringComparison.Ordinal));
        Assert.Equal("principle-4", first["data"]!["section"]!.GetValue<string>());
        Assert.StartsWith("✔", first["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskedBack_NoneOfThese_SaysWhereToAsk_RecordsNoPick_AndTheQuestionStaysListed()
    {
        var asked = Buttons(await AskAsync(Asker, PartnerStory), "askBackNone").Single();

        var reply = await SendAsync(Submit(Asker, asked));

        Assert.Contains("所管課", Text(reply));
        Assert.Contains("担当窓口", Text(reply));
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(0, await db.QuestionPicks.CountAsync());
        }

        Assert.Contains("花火大会", Text(await ListAsync()));
    }

    [Fact]
    public async Task AskedBack_StaleOrForgedClicks_GetAClearAnswer_AndChangeNothing()
    {
        var asked = await AskAsync(Asker, PartnerStory);
        var pick = Buttons(asked, "section")[0];
        var none = Buttons(asked, "askBackNone").Single();

        // Someone else's click on the asker's card: the section is shown (the manual is no secret), nothing recorded.
        var other = await SendAsync(Submit("29:user-suzuki", pick));
        Assert.Contains(_app.Services.GetRequiredService<IKnowledgeBase>().Find(pick["id"]!.GetValue<string>())!.Title, Reply(other).ToJsonString(Unescaped));
        // A section that does not exist.
        var forgedSection = pick.DeepClone().AsObject();
        forgedSection["id"] = "principle-99";
        Assert.Equal("その項目は見つかりませんでした。もう一度ご質問ください。", Text(await SendAsync(Submit(Asker, forgedSection))));
        // An activity that asked nothing, and someone else's 「どれにも当てはまらない」.
        var forgedQuestion = none.DeepClone().AsObject();
        forgedQuestion["asked"] = "no-such-activity";
        var notYours = "このボタンは、質問した方がご自身のご相談について選ぶためのものです。ご相談があれば、あらためて入力してください。";
        Assert.Equal(notYours, Text(await SendAsync(Submit(Asker, forgedQuestion))));
        Assert.Equal(notYours, Text(await SendAsync(Submit("29:user-suzuki", none))));
        var forgedPick = pick.DeepClone().AsObject();
        forgedPick["asked"] = "no-such-activity";
        await SendAsync(Submit(Asker, forgedPick));

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.QuestionPicks.CountAsync());
        Assert.Equal(1, await db.Questions.CountAsync());
    }

    /// <summary>
    /// An English partner story was asked back in English until the staff questions became phrasings (ADR 0069): English
    /// staff stories are now near enough that such a story is offered near sections instead — in English. The English
    /// ask-back card itself is covered by AskBackTests (PresentAskBack with Language.English).
    /// </summary>
    [Fact]
    public async Task EnglishPartnerStory_IsOfferedNearSectionsInEnglish()
    {
        var refused = await SendAsync(Activities.PersonalMessage(_connector.ServiceUrl,
            "We organised a tree-planting day with a volunteer group this spring. Half of the volunteers left early and the rest seemed unhappy with us. What should we have done differently?",
            userId: Asker, expectReplies: true));

        Assert.StartsWith("The collaboration manual has no entry that answers this, but these sections may be close.", Text(refused), StringComparison.Ordinal);
        Assert.InRange(Buttons(refused, "section").Count, 1, 3);
        Assert.Empty(Buttons(refused, "askBackNone"));
    }

    [Fact]
    public async Task RequestThatIsNotAQuestion_IsRefusedWithWhatTheBotCanDo_AndNotRecorded()
    {
        var reply = await AskAsync(Asker, "来週の打ち合わせ用に会議室を予約してください");

        Assert.Contains("協働マニュアルへの質問", Text(reply));
        Assert.Contains("提案", Text(reply));
        Assert.DoesNotContain("記録しました", Reply(reply).ToJsonString(Unescaped));
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Questions.CountAsync());
    }

    private Task<JsonNode> ListAsync() =>
        SendAsync(Activities.PersonalMessage(_connector.ServiceUrl, "未回答一覧", userId: Admin, expectReplies: true));

    private string NotInManualFile => Path.Combine(_knowledge, NotInManual.FileName);

    private async Task<JsonNode> AskAsync(string userId, string text) =>
        await SendAsync(Activities.PersonalMessage(_connector.ServiceUrl, text, userId: userId, expectReplies: true));

    private async Task<JsonNode> SendAsync(JsonObject activity)
    {
        var response = await _client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private JsonObject Submit(string userId, JsonObject data, string? locale = null)
    {
        var activity = Activities.PersonalMessage(_connector.ServiceUrl, "", userId: userId, expectReplies: true);
        if (locale is not null)
        {
            activity["locale"] = locale;
        }

        activity.Remove("text");
        activity["value"] = data.DeepClone();
        return activity;
    }

    private static JsonObject Reply(JsonNode body) =>
        body["activities"]!.AsArray().Select(a => a!.AsObject()).Last(a => a["type"]!.GetValue<string>() == "message");

    private static string Text(JsonNode body) => Reply(body)["text"]?.GetValue<string>() ?? "";

    /// <summary>The data of every button of the reply's card whose action is <paramref name="action"/>.</summary>
    private static List<JsonObject> Buttons(JsonNode body, string action) =>
        [.. Actions(body).Where(a => a["data"]!["action"]?.GetValue<string>() == action).Select(a => a["data"]!.AsObject())];

    /// <summary>Every <c>Action.Submit</c> of the reply's card (with its data), at any depth.</summary>
    private static List<JsonObject> Actions(JsonNode body)
    {
        var card = Reply(body)["attachments"]!.AsArray().Single(a => a!["contentType"]!.GetValue<string>().Contains("adaptive", StringComparison.Ordinal))!["content"]!;
        var buttons = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o when o["type"]?.GetValue<string>() == "Action.Submit" && o["data"] is JsonObject:
                    buttons.Add(o);
                    break;
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(card);
        Assert.NotEmpty(buttons);
        return buttons;
    }

    private string FileOf(string sectionId) =>
        Path.Combine(_knowledge, _app.Services.GetRequiredService<IKnowledgeBase>().Find(sectionId)!.FileName);

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static readonly JsonSerializerOptions Unescaped = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every "text" value in a reply (TextBlocks of its cards included).</summary>
    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var t) ? [t] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = TestDatabase.CreateSqlite();
        _knowledge = Directory.CreateTempSubdirectory("kyodo-knowledge-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "knowledge")))
        {
            File.Copy(file, Path.Combine(_knowledge, Path.GetFileName(file)));
        }

        var settings = BotApp.Anonymous(_database);
        settings["Kyodo:Admins"] = "aad-" + Admin;
        _app = new BotApp(settings, services => services.AddSingleton(new KnowledgeBase(_knowledge)));
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Teardown.DisposeAllAsync(_client, _app, _database, _connector);
        Directory.Delete(_knowledge, recursive: true);
    }
}
