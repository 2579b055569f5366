using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;

namespace KyodoBot.Tests.Dialogs;

public sealed class DialogSessionTests
{
    [Fact]
    public void Session_RoundTripsThroughJson_WithEveryPart()
    {
        var dialog = new DialogDriver().AnswerUntil("purpose", new Dictionary<string, string> { ["email"] = "スキップ" });
        dialog.Say("状況");
        dialog.Say("キャンセル");
        var session = dialog.Session;

        var json = session.ToJson();
        Assert.True(DialogSession.TryFromJson(json, out var restored));

        Assert.Equal(DialogSession.CurrentVersion, restored.Version);
        Assert.Equal(session.DefinitionId, restored.DefinitionId);
        Assert.Equal(session.Phase, restored.Phase);
        Assert.Equal(session.CurrentFieldId, restored.CurrentFieldId);
        Assert.Equal(session.Answers, restored.Answers);
        Assert.Equal(session.Skipped, restored.Skipped);
        Assert.Equal(session.History, restored.History);
        Assert.Equal(PendingConfirmation.Cancel, restored.Pending);
        Assert.Equal(session.StartedAt, restored.StartedAt);
        Assert.Equal(session.UpdatedAt, restored.UpdatedAt);
        Assert.Equal(json, restored.ToJson());
    }

    [Fact]
    public void Session_Json_IsReadable_CamelCase_EnumsAsText_JapaneseUnescaped()
    {
        var dialog = new DialogDriver().AnswerUntil("orgType");

        using var json = JsonDocument.Parse(dialog.Session.ToJson());
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("proposal-intake", root.GetProperty("definitionId").GetString());
        Assert.Equal("Asking", root.GetProperty("phase").GetString());
        Assert.Equal("orgType", root.GetProperty("currentFieldId").GetString());
        Assert.Equal("特定非営利活動法人みどり野まちづくりネット", root.GetProperty("answers").GetProperty("orgName").GetString());
        Assert.Contains("みどり野", dialog.Session.ToJson());
    }

    [Fact]
    public void StoredSession_ContinuesAtTheSameField()
    {
        var dialog = new DialogDriver().AnswerUntil("budget");

        dialog.StoreAndReload();
        dialog.Say("120万円");

        Assert.Equal("disclosure", dialog.Field);
        Assert.Equal("1200000", dialog.Session.Answer("budget"));
    }

    [Fact]
    public void EveryTurn_ThroughJson_ReachesTheSameSummary()
    {
        var direct = new DialogDriver().AnswerAll();
        var stored = new DialogDriver();
        while (stored.Field is { } field)
        {
            stored.StoreAndReload();
            stored.Say(DialogTestSupport.GoodAnswers[field]);
        }

        Assert.Equal(DialogStatus.Summary, stored.Status);
        Assert.Equal(direct.Session.Answers, stored.Session.Answers);
    }

    [Fact]
    public void Resume_DaysLater_ReAsksTheSameField_WithANotice()
    {
        var dialog = new DialogDriver().AnswerUntil("endDate");
        var json = dialog.Session.ToJson();
        dialog.Time.Advance(TimeSpan.FromDays(3));

        Assert.True(DialogSession.TryFromJson(json, out var stored));
        var step = dialog.Engine.Resume(dialog.Definition, stored, Language.Japanese, DialogContext.Create(dialog.Time, DialogTestSupport.Departments));

        Assert.Equal(DialogStatus.InProgress, step.Status);
        Assert.Equal("endDate", step.Session.CurrentFieldId);
        Assert.Contains("前回の続きから再開します", CardText.Shown(step.Messages[0]));
        Assert.Contains("事業の終了日を入力してください。", CardText.Shown(step.Messages[0]));
        Assert.Equal(DialogTestSupport.Now, step.Session.StartedAt);
        Assert.Equal(DialogTestSupport.Now.AddDays(3), step.Session.UpdatedAt);
    }

    [Fact]
    public void Resume_AfterTheStartDateHasPassed_AsksForItAgain()
    {
        var dialog = new DialogDriver().AnswerUntil("publicFunds", new Dictionary<string, string> { ["startDate"] = "2026年12月1日" });
        dialog.Time.Advance(TimeSpan.FromDays(10));

        var step = dialog.Engine.Resume(dialog.Definition, dialog.Session, Language.Japanese, DialogContext.Create(dialog.Time, DialogTestSupport.Departments));

        Assert.Equal("startDate", step.Session.CurrentFieldId);
        Assert.Contains("もう一度お聞きします", CardText.Shown(step.Messages[0]));
    }

    [Fact]
    public void Resume_AtTheSummary_ShowsTheSummary()
    {
        var dialog = new DialogDriver().AnswerAll();

        var step = dialog.Engine.Resume(dialog.Definition, dialog.Session, Language.English, dialog.Context);

        Assert.Equal(DialogStatus.Summary, step.Status);
        Assert.NotNull(step.Summary);
        Assert.Contains("Welcome back", CardText.Shown(step.Messages[0]));
    }

    [Fact]
    public void UpdatedAt_FollowsTheTimeProvider()
    {
        var dialog = new DialogDriver();
        dialog.Time.Advance(TimeSpan.FromMinutes(7));

        dialog.Say("みどり野ネット");

        Assert.Equal(DialogTestSupport.Now, dialog.Session.StartedAt);
        Assert.Equal(DialogTestSupport.Now.AddMinutes(7), dialog.Session.UpdatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"version":99,"definitionId":"proposal-intake"}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":1,"definitionId":"proposal-intake","phase":"Dancing"}""")]
    public void TryFromJson_RefusesBrokenOrNewerSessions(string? json) => Assert.False(DialogSession.TryFromJson(json, out _));

    [Fact]
    public void StoredSession_FromAnOlderDefinition_DropsUnknownFields_AndAsksTheFirstOpenOne()
    {
        var dialog = new DialogDriver();
        var stored = new DialogSession
        {
            DefinitionId = "proposal-intake",
            CurrentFieldId = "removedField",
            Answers = new Dictionary<string, string> { ["orgName"] = "みどり野ネット", ["removedField"] = "x" },
            History = ["orgName", "removedField"],
        };

        var step = dialog.Engine.Continue(dialog.Definition, stored, DialogInput.FromText("NPO法人"), Language.Japanese, dialog.Context);

        Assert.Equal("npo", step.Session.Answer("orgType"));
        Assert.False(step.Session.Answers.ContainsKey("removedField"));
        Assert.DoesNotContain("removedField", step.Session.History);
    }

    [Fact]
    public void SessionOfAnotherDialog_IsRefused()
    {
        var dialog = new DialogDriver();
        var other = dialog.Session with { DefinitionId = "evaluation" };

        Assert.Throws<ArgumentException>(() => dialog.Engine.Continue(dialog.Definition, other, DialogInput.FromText("x"), Language.Japanese, dialog.Context));
    }

    [Fact]
    public void TodayInJapan_IsTheTokyoDate_NotTheUtcDate()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 3, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 4, 1), DialogContext.TodayInJapan(time));
    }
}
