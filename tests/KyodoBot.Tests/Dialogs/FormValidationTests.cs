using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;

namespace KyodoBot.Tests.Dialogs;

public sealed class FormValidationTests
{
    private static readonly DialogDefinition Proposal = DialogTestSupport.Proposal;

    private static DialogEngine Engine() => new(DialogTestSupport.Texts, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DialogTestSupport.Now));

    private static Dictionary<string, string> Form(params (string Key, string Value)[] changes)
    {
        var form = DialogTestSupport.GoodAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in changes)
        {
            form[key] = value;
        }

        return form;
    }

    [Fact]
    public void ValidateAll_AValidForm_GivesCanonicalValues_AndDropsHiddenFields()
    {
        var result = Engine().ValidateAll(Proposal, Form(("check2", "no"), ("check2.comment", "これから話し合います")), Language.Japanese, DialogTestSupport.Context(DialogTestSupport.Departments));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("2027-04-01", result.Values["startDate"]);
        Assert.Equal("1200000", result.Values["budget"]);
        Assert.Equal("npo", result.Values["orgType"]);
        Assert.Equal("no", result.Values["check2"]);
        Assert.Equal("これから話し合います", result.Values["check2.comment"]);
        Assert.False(result.Values.ContainsKey("evaluationDates"));
    }

    [Fact]
    public void ValidateAll_ReportsEveryBrokenField_InTheUsersLanguage()
    {
        var form = Form(("email", "yamada"), ("endDate", "2027-03-01"), ("budget", "-5"), ("orgName", ""), ("check3", "maybe"));

        var result = Engine().ValidateAll(Proposal, form, Language.English, DialogTestSupport.Context());

        Assert.False(result.IsValid);
        Assert.Equal(["orgName", "email", "endDate", "budget", "check3"], result.Errors.Keys.OrderBy(Proposal.IndexOf));
        Assert.Contains("required", result.Errors["orgName"]);
        Assert.Contains("kyodo@example.jp", result.Errors["email"]);
        Assert.Contains("after \"Start date\" (April 1, 2027)", result.Errors["endDate"]);
        Assert.Contains("cannot be negative", result.Errors["budget"]);
        Assert.Contains("yes or no", result.Errors["check3"]);
    }

    [Fact]
    public void ValidateAll_PublicFunds_RequiresTheTrio_WithTheStarRule()
    {
        var form = Form();
        form.Remove("disclosure");

        var result = Engine().ValidateAll(Proposal, form, Language.Japanese, DialogTestSupport.Context());

        Assert.Contains("「6 公開の原則」", Assert.Single(result.Errors, e => e.Key == "disclosure").Value);
    }

    [Fact]
    public void ValidateAll_WithoutPublicFunds_IgnoresTheTrio()
    {
        var form = Form(("publicFunds", "いいえ"), ("budget", "garbage"));

        var result = Engine().ValidateAll(Proposal, form, Language.Japanese, DialogTestSupport.Context());

        Assert.True(result.IsValid);
        Assert.False(result.Values.ContainsKey("budget"));
    }

    [Fact]
    public void ValidateAll_EmailOrPhone_AtLeastOne()
    {
        var neither = Form(("email", ""), ("phone", ""));
        var onlyPhone = Form(("email", ""));

        var engine = Engine();
        Assert.Contains("phone", engine.ValidateAll(Proposal, neither, Language.Japanese, DialogTestSupport.Context()).Errors.Keys);
        Assert.True(engine.ValidateAll(Proposal, onlyPhone, Language.Japanese, DialogTestSupport.Context()).IsValid);
    }

    [Fact]
    public void ValidateAll_AcceptsCanonicalValues_SoStoredAnswersCanBeCheckedAgain()
    {
        var dialog = new DialogDriver().AnswerAll();

        Assert.True(Engine().ValidateAll(Proposal, dialog.Session.Answers, Language.Japanese, dialog.Context).IsValid);
    }

    [Fact]
    public void ApplyForm_Valid_GoesToTheSummary()
    {
        var dialog = new DialogDriver();

        var step = dialog.Engine.ApplyForm(Proposal, dialog.Session, Form(("email", "")), Language.Japanese, dialog.Context);

        Assert.Equal(DialogStatus.Summary, step.Status);
        Assert.Empty(step.FormErrors);
        Assert.Contains("email", step.Session.Skipped);
        Assert.Equal("1200000", step.Session.Answer("budget"));
        step = dialog.Engine.Continue(Proposal, step.Session, DialogInput.FromText("送信"), Language.Japanese, dialog.Context);
        Assert.Equal(DialogStatus.Submitted, step.Status);
    }

    [Fact]
    public void ApplyForm_Invalid_KeepsTheSession_AndReturnsTheErrors()
    {
        var dialog = new DialogDriver();

        var step = dialog.Engine.ApplyForm(Proposal, dialog.Session, Form(("startDate", "昨日")), Language.Japanese, dialog.Context);

        Assert.Equal(DialogStatus.InProgress, step.Status);
        Assert.Contains("日付として読み取れませんでした", step.FormErrors["startDate"]);
        Assert.Empty(step.Session.Answers);
    }

    [Fact]
    public void VisibleFields_FollowTheAnswers()
    {
        var withFunds = Proposal.VisibleFields(new Dictionary<string, string> { ["publicFunds"] = "yes", ["evaluationSchedule"] = "dates" });
        var withoutFunds = Proposal.VisibleFields(new Dictionary<string, string> { ["publicFunds"] = "no", ["evaluationSchedule"] = "dates" });

        Assert.Contains(withFunds, f => f.Id == "evaluationDates");
        Assert.DoesNotContain(withoutFunds, f => f.Id is "budget" or "evaluationDates");
        Assert.Equal(Proposal.Fields.Count - 4, withoutFunds.Count);
    }
}
