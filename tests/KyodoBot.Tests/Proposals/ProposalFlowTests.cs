using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using KyodoBot.Tests.Conversations;
using KyodoBot.Tests.Dialogs;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace KyodoBot.Tests.Proposals;

/// <summary>The proposal intake through the Teams handler: start, answer, pause, resume, restart, submit, review.</summary>
public sealed class ProposalFlowTests : IAsyncLifetime
{
    private BotTestHost _host = new();

    [Fact]
    public async Task Propose_AsksTheFirstFieldWithItsPrompt()
    {
        var chat = BotTestHost.Personal();

        var reply = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案")));

        Assert.Contains("団体", reply.Shown());
    }

    [Fact]
    public async Task FullProposal_WithPublicFunds_IsNumberedAndWaitsWhenTheDepartmentHasNoChannel()
    {
        var chat = BotTestHost.Personal();

        var last = await AnswerEverythingAsync(chat);
        var submitted = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        var summary = last.CardJson();
        Assert.Contains("\"command\":\"送信\"", summary);
        Assert.Contains("\"type\":\"TextRun\",\"text\":\"高齢者の見守りとサロン運営事業\"", summary);
        Assert.DoesNotContain("（6 公開の原則）", summary); // the tags stay on the reviewer's card only
        var confirmation = string.Join("\n", submitted.Select(r => r.Shown()));
        Assert.Contains("KP-2026-0001", confirmation);
        Assert.Contains("未配信", confirmation);
        var proposal = await Single<Proposal>();
        Assert.Equal(ProposalState.Undelivered, proposal.State);
        Assert.Equal("高齢者の見守りとサロン運営事業", proposal.Title);
        Assert.Equal("1200000", ProposalService.ReadAnswers(proposal.AnswersJson)["budget"]);
        Assert.Equal(0, await Count<ProposalDraft>());
    }

    [Fact]
    public async Task SubmitPressedTwice_MakesOneProposal_AndConfirmsItAgain()
    {
        var chat = BotTestHost.Personal();
        await AnswerEverythingAsync(chat);

        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));
        var second = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        Assert.Contains("KP-2026-0001", string.Join("\n", second.Select(r => r.Shown())));
        Assert.Equal(1, await Count<Proposal>());
    }

    [Fact]
    public async Task ConcurrentSubmissions_GetDistinctConsecutiveNumbers()
    {
        var store = _host.Services.GetRequiredService<ProposalStore>();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.SubmitAsync(new Proposal
        {
            Reference = "", SubmitActivityId = $"activity-{i}", ProposerId = "29:user", Department = "市民活動推進課",
            Title = $"事業{i}", Organization = "団体", AnswersJson = "{}",
        }, default)));

        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"KP-2026-{n:0000}"), results.Select(r => r.Proposal.Reference).Order());
    }

    [Fact]
    public async Task UndeliveredProposal_TellsTheAdminsInTheirPersonalChat()
    {
        await _host.DisposeAsync();
        _host = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = "aad-admin" });
        var admin = BotTestHost.Personal(userId: "29:admin", aadObjectId: "aad-admin");
        await admin.SendAsync(_host.Bot, BotTestHost.Message(admin, "ヘルプ"));
        var chat = BotTestHost.Personal();

        await AnswerEverythingAsync(chat);
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        _host.Messenger.Verify(m => m.SendToUserAsync("29:admin", It.Is<OutgoingMessage>(o => o.Text!.Contains("未配信")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Submit_ToARegisteredDepartment_PostsTheReviewCardThere_WithUserTextInTextRuns()
    {
        await RegisterDepartmentAsync();
        OutgoingMessage? posted = null;
        _host.Messenger.Setup(m => m.PostToDepartmentAsync("市民活動推進課", It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Callback((string _, OutgoingMessage message, CancellationToken _) => posted = message)
            .ReturnsAsync(new PostedMessage("19:shimin@thread.tacv2;messageid=42", "42", "https://smba.example.test/jp/", BotTestHost.TenantId));
        var chat = BotTestHost.Personal();

        await AnswerEverythingAsync(chat, new() { ["projectName"] = "[見守り](http://evil.example) 事業" });
        var submitted = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        Assert.Contains("KP-2026-0001", string.Join("\n", submitted.Select(r => r.Shown())));
        Assert.NotNull(posted);
        using var card = JsonDocument.Parse(posted.CardJson!);
        var json = posted.CardJson!;
        Assert.Contains("proposal.accept", json);
        Assert.Contains("\"type\":\"TextRun\",\"text\":\"[見守り](http://evil.example) 事業\"", json);
        Assert.DoesNotContain("\"type\":\"TextBlock\",\"text\":\"[見守り]", json);
        var proposal = await Single<Proposal>();
        Assert.Equal(ProposalState.UnderReview, proposal.State);
        Assert.Equal("42", proposal.ReviewActivityId);
    }

    [Fact]
    public async Task UndeliveredProposal_IsDeliveredWhenTheDepartmentRegisters()
    {
        var chat = BotTestHost.Personal();
        await AnswerEverythingAsync(chat);
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));
        _host.Messenger.Setup(m => m.PostToDepartmentAsync("市民活動推進課", It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PostedMessage("19:shimin@thread.tacv2;messageid=7", "7", "https://smba.example.test/jp/", BotTestHost.TenantId));

        await RegisterDepartmentAsync();

        Assert.Equal(ProposalState.UnderReview, (await Single<Proposal>()).State);
    }

    [Fact]
    public async Task Pause_LetsOtherMessagesThrough_AndResumeContinuesAtTheSameField()
    {
        var chat = BotTestHost.Personal();
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案"));
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, DialogTestSupport.GoodAnswers["orgName"]));

        var paused = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "中断")));
        var question = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "公開の原則とは何ですか")));
        var resumed = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "続きから"));

        Assert.Contains("続きから", paused.Text);
        Assert.Contains("透明性", question.Text);
        Assert.Contains("種別", string.Join("\n", resumed.Select(r => r.Shown())));
    }

    [Theory]
    [InlineData("続きから", "ja-JP", "入力中", "団体")]
    [InlineData("resume", "en-US", "入力中", "団体")]
    [InlineData("提案", "ja-JP", "入力中", "団体")]
    public async Task NavigationWordWhileTheDialogIsActive_IsNotStoredAsTheAnswer_TheFieldIsAskedAgain(string word, string locale, string notice, string field)
    {
        var chat = BotTestHost.Personal(locale: locale);
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案"));

        var replies = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, word));

        var text = string.Join("\n", replies.Select(r => r.Shown()));
        Assert.Contains(notice, text);
        Assert.Contains(field, text);
        var draft = await Single<ProposalDraft>();
        Assert.True(KyodoBot.Core.Dialogs.DialogSession.TryFromJson(draft.SessionJson, out var session));
        Assert.Empty(session.Answers);
        Assert.Equal("orgName", session.CurrentFieldId);
    }

    [Fact]
    public async Task Restart_ANewHostOnTheSameDatabase_ContinuesAtTheSameField()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kyodobot-tests", Guid.NewGuid().ToString("N"));
        await _host.DisposeAsync();
        _host = new BotTestHost(directory: directory);
        var chat = BotTestHost.Personal();
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案"));
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, DialogTestSupport.GoodAnswers["orgName"]));
        await _host.DisposeAsync();

        _host = new BotTestHost(directory: directory, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotTestHost.Now.AddDays(3)));
        var resumed = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "続きから"));
        var next = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "NPO法人"));

        Assert.Contains("種別", string.Join("\n", resumed.Select(r => r.Shown())));
        Assert.Contains("代表者", string.Join("\n", next.Select(r => r.Shown())));
    }

    [Fact]
    public async Task DraftOlderThanTheExpiry_IsDiscardedWithANotice()
    {
        var chat = BotTestHost.Personal();
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案"));
        _host.Time.Advance(TimeSpan.FromDays(31));

        var reply = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "続きから")));

        Assert.Contains("30日", reply.Text);
        Assert.Equal(0, await Count<ProposalDraft>());
    }

    [Fact]
    public async Task QuestionMidDialog_IsAnsweredFromTheManual_ThenTheFieldIsAskedAgain()
    {
        var chat = BotTestHost.Personal();
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案"));

        var replies = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "公開の原則とは何ですか？"));

        Assert.Equal(2, replies.Count);
        Assert.Contains("透明性", replies[0].Text);
        Assert.Contains("団体", replies[1].Shown());
    }

    [Fact]
    public async Task MyProposals_ListsNumberTitleAndState()
    {
        var chat = BotTestHost.Personal();
        await AnswerEverythingAsync(chat);
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        var list = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案状況")));

        Assert.Contains("KP-2026-0001", list.Text);
        Assert.Contains("未配信", list.Text);
    }

    [Fact]
    public async Task Accept_FromTheReviewThread_DecidesOnce_UpdatesTheCardAndTellsTheProposer()
    {
        var proposal = await SubmitDeliveredProposalAsync();
        var router = _host.Services.GetRequiredService<TurnRouter>();
        var reviewer = ChannelTurn("19:shimin@thread.tacv2;messageid=42");

        var first = await router.ExecuteAsync(reviewer, "proposal.accept", Data(proposal.Id), default);
        var second = await router.ExecuteAsync(reviewer, "proposal.accept", Data(proposal.Id), default);

        Assert.Contains("受理しました", first.CardJson);
        Assert.Contains("\"type\":\"TextRun\",\"text\":\"✅ 佐藤 一郎 さんが受理しました", first.CardJson);
        Assert.DoesNotContain("proposal.accept", first.CardJson);
        Assert.Contains("すでに判断済み", second.Message);
        Assert.Equal(ProposalState.Accepted, (await Single<Proposal>()).State);
        _host.Messenger.Verify(m => m.UpdateAsync(It.Is<PostedMessage>(p => p.ActivityId == "42"), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        _host.Messenger.Verify(m => m.SendToUserAsync(proposal.ProposerId, It.Is<OutgoingMessage>(o => o.Text!.Contains("受理されました")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Return_WithoutComment_IsRefused_WithComment_IsRecordedAndSentToTheProposer()
    {
        var proposal = await SubmitDeliveredProposalAsync();
        var router = _host.Services.GetRequiredService<TurnRouter>();
        var reviewer = ChannelTurn("19:shimin@thread.tacv2;messageid=42");

        var refused = await router.ExecuteAsync(reviewer, "proposal.return", Data(proposal.Id, comment: "  "), default);
        var returned = await router.ExecuteAsync(reviewer, "proposal.return", Data(proposal.Id, comment: "予算の内訳を添えてください"), default);

        Assert.Contains("理由を入力してください", refused.Message);
        Assert.Contains("予算の内訳を添えてください", returned.CardJson);
        var stored = await Single<Proposal>();
        Assert.Equal(ProposalState.Returned, stored.State);
        Assert.Equal("予算の内訳を添えてください", stored.ReturnComment);
        _host.Messenger.Verify(m => m.SendToUserAsync(proposal.ProposerId, It.Is<OutgoingMessage>(o => o.Text!.Contains("予算の内訳")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReturnedProposal_IsRevisedAndResubmitted_UnderTheSameNumber_WithANewReviewCard()
    {
        var proposal = await SubmitDeliveredProposalAsync();
        var router = _host.Services.GetRequiredService<TurnRouter>();
        await router.ExecuteAsync(ChannelTurn("19:shimin@thread.tacv2;messageid=42"), "proposal.return", Data(proposal.Id, comment: "成果の数値目標を具体的に"), default);
        var chat = BotTestHost.Personal();

        var summary = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "再提出 " + proposal.Reference));
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "修正 期待される成果"));
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "サロン参加者を年間延べ800人にします。"));
        var confirmation = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        Assert.Contains("\"command\":\"送信\"", summary[^1].CardJson());
        Assert.Contains(proposal.Reference, string.Join("\n", confirmation.Select(r => r.Shown())));
        var revised = await Single<Proposal>();
        Assert.Equal(proposal.Reference, revised.Reference);
        Assert.Equal(ProposalState.UnderReview, revised.State);
        Assert.Null(revised.DecidedBy);
        Assert.Contains("800人", ProposalService.ReadAnswers(revised.AnswersJson)["outcomes"]);
        _host.Messenger.Verify(m => m.PostToDepartmentAsync("市民活動推進課", It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Resubmit_OfSomeoneElsesOrAnOpenProposal_IsRefused()
    {
        var proposal = await SubmitDeliveredProposalAsync();
        var stranger = BotTestHost.Personal(userId: "29:someone-else");
        var owner = BotTestHost.Personal();

        var notTheirs = Assert.Single(await stranger.SendAsync(_host.Bot, BotTestHost.Message(stranger, "再提出 " + proposal.Reference)));
        var notReturned = Assert.Single(await owner.SendAsync(_host.Bot, BotTestHost.Message(owner, "再提出 " + proposal.Reference.ToLowerInvariant())));

        Assert.Contains("受付番号を指定してください", notTheirs.Text);
        Assert.Contains("差し戻されていない", notReturned.Text);
    }

    [Fact]
    public async Task CardMode_ShowsTheWholeForm_ErrorsComeBackOnTheCard_AValidFormBecomesTheSummary()
    {
        var chat = BotTestHost.Personal();
        var router = _host.Services.GetRequiredService<TurnRouter>();
        var turn = PersonalTurn(chat);

        var form = Assert.Single(await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "カードで入力"))).CardJson();
        var wrong = new Dictionary<string, object?>(DialogTestSupport.GoodAnswers.ToDictionary(a => a.Key, a => (object?)a.Value))
        {
            ["endDate"] = "2027-03-01", ["budget"] = "", ["lang"] = "ja",
        };
        var refused = await router.ExecuteAsync(turn, "proposal.form", JsonSerializer.SerializeToElement(wrong), default);
        var good = new Dictionary<string, object?>(DialogTestSupport.GoodAnswers.ToDictionary(a => a.Key, a => (object?)a.Value)) { ["lang"] = "ja" };
        var accepted = await router.ExecuteAsync(turn, "proposal.form", JsonSerializer.SerializeToElement(good), default);
        var submitted = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));

        Assert.Contains("\"type\":\"Input.Date\"", form);
        Assert.Contains("\"id\":\"budget\"", form);
        Assert.Contains("Action.ToggleVisibility", form);
        Assert.Contains("proposal.form", form);
        Assert.Contains("直してください", refused.Message);
        Assert.Contains("予算額", refused.Message); // the server-side error names the field
        Assert.Contains("予算額（原則6）（「公金の支出」の回答により必須）", form);
        Assert.Contains("（必須を含む）", form);
        Assert.Contains("\"color\":\"Attention\"", refused.CardJson);
        Assert.Contains("特定非営利活動法人みどり野まちづくりネット", refused.CardJson);
        Assert.Contains("\"command\":\"送信\"", accepted.CardJson);
        Assert.Contains("KP-2026-0001", string.Join("\n", submitted.Select(r => r.Shown())));
    }

    [Fact]
    public async Task CardMode_EndDateMoreThanTenYearsAfterStart_ComesBackOnTheCard()
    {
        var chat = BotTestHost.Personal();
        var router = _host.Services.GetRequiredService<TurnRouter>();
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "カードで入力"));
        var tooLong = new Dictionary<string, object?>(DialogTestSupport.GoodAnswers.ToDictionary(a => a.Key, a => (object?)a.Value))
        {
            ["endDate"] = "2999-12-31", ["evaluationSchedule"] = "quarterly", ["lang"] = "ja",
        };

        var refused = await router.ExecuteAsync(PersonalTurn(chat), "proposal.form", JsonSerializer.SerializeToElement(tooLong), default);

        Assert.Contains("直してください", refused.Message);
        Assert.Contains("実施期間は最長10年です", refused.CardJson);
        Assert.DoesNotContain("\"command\":\"送信\"", refused.CardJson);
    }

    [Fact]
    public async Task SummaryCard_Submit_ReplacesTheCardWithItsFinalState_AndAStaleSubmitConfirmsNothingAgain()
    {
        var chat = BotTestHost.Personal();
        var router = _host.Services.GetRequiredService<TurnRouter>();
        var summary = (await AnswerEverythingAsync(chat)).CardJson();
        var submit = JsonSerializer.SerializeToElement(new { command = "送信", lang = "ja" });

        var first = await router.ExecuteAsync(PersonalTurn(chat), ProposalSummaryAction.SummaryVerb, submit, default);
        var stale = await router.ExecuteAsync(PersonalTurn(chat), ProposalSummaryAction.SummaryVerb, submit, default);

        Assert.Contains("\"verb\":\"proposal.summary\"", summary);
        Assert.Contains("KP-2026-0001", string.Join("\n", first.Replies.Select(r => r.Text)));
        Assert.Contains("KP-2026-0001 として送信しました", first.CardJson);
        Assert.DoesNotContain("Action.", first.CardJson);
        Assert.Empty(stale.Replies);
        Assert.Null(stale.Message);
        Assert.Contains("KP-2026-0001 として送信済みです", stale.CardJson);
        Assert.DoesNotContain("Action.", stale.CardJson);
        Assert.Equal(1, await Count<Proposal>());
    }

    private static IncomingTurn PersonalTurn(TestAdapter chat)
    {
        var activity = BotTestHost.Message(chat, "x");
        return new IncomingTurn
        {
            ActivityId = Guid.NewGuid().ToString("N"),
            UserId = activity.From.Id,
            ConversationId = chat.Conversation.Conversation.Id,
            Kind = ConversationKind.Personal,
        };
    }

    [Fact]
    public async Task Accept_FromAnotherConversation_IsRefused()
    {
        var proposal = await SubmitDeliveredProposalAsync();
        var router = _host.Services.GetRequiredService<TurnRouter>();

        var result = await router.ExecuteAsync(ChannelTurn("19:elsewhere@thread.tacv2;messageid=1"), "proposal.accept", Data(proposal.Id), default);

        Assert.Contains("審査スレッド", result.Message);
        Assert.Equal(ProposalState.UnderReview, (await Single<Proposal>()).State);
    }

    private async Task<Proposal> SubmitDeliveredProposalAsync()
    {
        await RegisterDepartmentAsync();
        _host.Messenger.Setup(m => m.PostToDepartmentAsync("市民活動推進課", It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PostedMessage("19:shimin@thread.tacv2;messageid=42", "42", "https://smba.example.test/jp/", BotTestHost.TenantId));
        var chat = BotTestHost.Personal();
        await AnswerEverythingAsync(chat);
        await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "送信"));
        return await Single<Proposal>();
    }

    private static IncomingTurn ChannelTurn(string conversationId) => new()
    {
        ActivityId = Guid.NewGuid().ToString("N"),
        UserId = "29:reviewer",
        UserName = "佐藤 一郎",
        AadObjectId = "aad-reviewer",
        ConversationId = conversationId,
        Kind = ConversationKind.Channel,
        ChannelId = conversationId.Split(";messageid=")[0],
    };

    private static JsonElement Data(long proposalId, string? comment = null) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object?> { ["proposalId"] = proposalId, ["lang"] = "ja", ["comment"] = comment });

    private async Task RegisterDepartmentAsync()
    {
        var channel = BotTestHost.Channel();
        await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 市民活動推進課"));
    }

    /// <summary>Starts a proposal and answers every question with a good answer (overridable) up to the summary.</summary>
    private async Task<Activity> AnswerEverythingAsync(TestAdapter chat, Dictionary<string, string>? overrides = null)
    {
        var replies = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "提案"));
        for (var turn = 0; turn < 60; turn++)
        {
            var draft = await _host.Services.GetRequiredService<DraftStore>().FindAsync(BotTestHost.Message(chat, "x").From.Id, chat.Conversation.Conversation.Id, default);
            Assert.NotNull(draft);
            Assert.True(Core.Dialogs.DialogSession.TryFromJson(draft.SessionJson, out var session));
            if (session.CurrentFieldId is not { } field)
            {
                return replies[^1];
            }

            var answer = overrides?.GetValueOrDefault(field) ?? DialogTestSupport.GoodAnswers[field];
            replies = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, answer));
        }

        throw new InvalidOperationException("The dialog did not reach its summary.");
    }

    private async Task<T> Single<T>() where T : class
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Set<T>().AsNoTracking().SingleAsync();
    }

    private async Task<int> Count<T>() where T : class
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
