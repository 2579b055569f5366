using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;

namespace KyodoBot.Tests.Dialogs;

/// <summary>One field at a time, as the chat and the card form both check it.</summary>
public sealed class FieldValidatorTests
{
    private static readonly DialogDefinition Proposal = DialogTestSupport.Proposal;

    private static readonly Dictionary<string, string> Period = new() { ["startDate"] = "2027-04-01", ["endDate"] = "2028-03-31" };

    private static FieldCheck Check(string fieldId, string input, Language language = Language.Japanese, IReadOnlyDictionary<string, string>? answers = null) =>
        DialogTestSupport.Validator.Check(Proposal, Proposal.Field(fieldId)!, input, answers ?? Period, DialogTestSupport.Context(DialogTestSupport.Departments), language);

    [Theory]
    [InlineData("orgName", "みどり野ネット", "みどり野ネット")]
    [InlineData("orgName", "  ＮＰＯ　みどり野  ", "NPO みどり野")]
    [InlineData("representative", "理事長 山田 花子", "理事長 山田 花子")]
    [InlineData("purpose", "地域の高齢者が孤立しない\nまちをつくります。", "地域の高齢者が孤立しない\nまちをつくります。")]
    [InlineData("orgType", "4", "publicInterest")]
    [InlineData("orgType", "企業", "company")]
    [InlineData("department", "市民活動", "市民活動推進課")]
    [InlineData("startDate", "2027/4/1", "2027-04-01")]
    [InlineData("endDate", "２０２８年３月３１日", "2028-03-31")]
    [InlineData("budget", "¥1,200,000", "1200000")]
    [InlineData("publicFunds", "✓", "yes")]
    [InlineData("email", "kyodo@example.jp", "kyodo@example.jp")]
    [InlineData("phone", "090 1234 5678", "090-1234-5678")]
    [InlineData("evaluationDates", "2027年9月30日と2028年1月31日", "2027-09-30,2028-01-31")]
    [InlineData("evaluationDates", "2028-01-31, 2027-09-30, 2027-09-30", "2027-09-30,2028-01-31")]
    public void ValidAnswers_BecomeCanonical(string fieldId, string input, string expected)
    {
        var check = Check(fieldId, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Answer!.Value);
    }

    [Theory]
    [InlineData("purpose", "短い目的", "10文字以上")]
    [InlineData("representative", "山田 123", "数字や「@」は使えません")]
    [InlineData("orgType", "大学", "1. NPO法人")]
    [InlineData("startDate", "2027年13月1日", "存在しません")]
    [InlineData("startDate", "令和元年4月1日", "令和は2019年5月1日")]
    [InlineData("startDate", "2026年11月28日", "今日（2026年11月29日）以降")]
    [InlineData("budget", "0円", "1円以上")]
    [InlineData("budget", "2000億円", "100,000,000,000円以下")]
    [InlineData("budget", "1.5円", "端数")]
    [InlineData("publicFunds", "たぶん", "「はい」か「いいえ」")]
    [InlineData("check1", "たぶん", "続けてコメントも書けます")]
    [InlineData("email", "yamada＠example", "@を含めて")]
    [InlineData("phone", "1234-5678", "市外局番から")]
    [InlineData("evaluationDates", "2027年9月31日", "1番目の日付: その日付は存在しません")]
    public void InvalidAnswers_SayWhatIsWrongAndHowToAnswer(string fieldId, string input, string expected)
    {
        var check = Check(fieldId, input);

        Assert.False(check.IsValid);
        Assert.Contains(expected, check.Error);
    }

    [Fact]
    public void TextLength_CountsCharactersAsPeopleSeeThem()
    {
        Assert.True(Check("orgName", new string('あ', 100)).IsValid);
        var tooLong = Check("orgName", new string('あ', 101));
        Assert.Contains("100文字以内で入力してください（いまは101文字です）", tooLong.Error);
        Assert.True(Check("orgName", string.Concat(Enumerable.Repeat("𠮷", 100))).IsValid); // 200 UTF-16 units, 100 characters
    }

    [Fact]
    public void Multiline_KeepsNewlines_SingleLineCollapsesThem()
    {
        Assert.Equal("一行目\n二行目", Check("description", "一行目\r\n二行目で具体的に書きます").Answer!.Value[..7]);
        Assert.Equal("みどり野 ネット", Check("orgName", "みどり野\nネット").Answer!.Value);
    }

    [Fact]
    public void Empty_IsNeitherValidNorAnError() => Assert.True(Check("orgName", "   ").IsEmpty);

    [Fact]
    public void YesNoComment_IsKept_AndLimited()
    {
        var check = Check("check7", "いいえ、評価の時期はこれから決めます");
        Assert.Equal("no", check.Answer!.Value);
        Assert.Equal("評価の時期はこれから決めます", check.Answer.Comment);

        Assert.Null(Check("publicFunds", "はい、委託料です").Answer!.Comment);
        Assert.Contains("500文字以内", Check("check7", "はい " + new string('あ', 501)).Error);
    }

    [Fact]
    public void Department_WithNoRegisteredDepartments_AcceptsAName()
    {
        var check = DialogTestSupport.Validator.Check(Proposal, Proposal.Field("department")!, "ＮＰＯ支援課", Period, DialogTestSupport.Context(), Language.Japanese);

        Assert.Equal("NPO支援課", check.Answer!.Value);
    }

    [Fact]
    public void DateRules_WithoutTheOtherAnswer_AreCheckedLater()
    {
        var check = DialogTestSupport.Validator.Check(Proposal, Proposal.Field("endDate")!, "2027-01-01", new Dictionary<string, string>(), DialogTestSupport.Context(), Language.Japanese);

        Assert.True(check.IsValid);
    }

    [Fact]
    public void Errors_AreInEnglish_ForEnglishUsers()
    {
        Assert.Contains("like 2027-04-01", Check("startDate", "someday", Language.English).Error);
        Assert.Contains("1,200,000", Check("budget", "lots", Language.English).Error);
        Assert.Contains("on or after today (November 29, 2026)", Check("startDate", "2026-01-01", Language.English).Error);
    }
}
