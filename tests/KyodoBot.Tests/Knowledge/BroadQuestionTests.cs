using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Broad questions get the list section; a question that names one part with an overview word (ざっくり, まとめて,
/// 全体像, "overview", "gist") gets that part, not the list it belongs to (docs/decisions/0044-broad-list-questions.md).
/// The probe set broad-probes.jsonl was written for this change, not taken from any realistic-*.jsonl.
/// </summary>
public sealed class BroadQuestionTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static string ProbeSet => Path.Combine(KnowledgePaths.Content.Root, "tests", "KyodoBot.Tests", "Knowledge", "broad-probes.jsonl");

    [Theory]
    [InlineData("対等の原則ざっくり教えて", "principle-5")]
    [InlineData("自主性の原則をざっくり説明してください", "principle-3")]
    [InlineData("公開の原則の全体像を教えてください", "principle-6")] // 公開 also names the note on public money
    [InlineData("交流の不足の課題、まとめて教えて", "challenge-common-3")]
    [InlineData("情報発信力の向上の取り組みをざっと知りたいです", "initiative-civic-env-2")]
    [InlineData("Give me an overview of the role-sharing principle.", "principle-4")]
    [InlineData("Summarize the time-limit principle for me.", "principle-7")]
    public void Ask_OnePartNamedWithAnOverviewWord_QuotesThatPartNotTheList(string question, string sectionId)
    {
        var answer = fixture.Ask(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("課内の勉強会で説明します。市民活動の環境づくり、市役所の体制づくり、取り組みの見直しについて、それぞれどんな取り組みがあるか一覧で教えてください。", "initiatives-intro")]
    [InlineData("研修の資料を作っています。各主体に共通する課題、NPO法人・ボランティア団体の課題、市役所の課題を一覧にまとめたいので、それぞれの項目を教えてください。", "challenges-intro")]
    public void Ask_AWholeAskedByNamingSeveralOfItsParts_IsAnsweredWithTheWhole(string question, string sectionId)
    {
        // The ranking put one of the named parts first (市民活動環境の整備, 各主体に共通な課題): ADR 0081.
        var answer = fixture.Ask(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, answer.Citations[0].Id);
    }

    [Fact]
    public void Ask_SeveralPartsNamedInPassing_WithoutAskingForTheWhole_KeepsThePartAsked()
    {
        var answer = fixture.Ask("市民活動の環境づくりや市役所の体制づくり、取り組みの見直しも大事ですが、職員の意識を変えるには何から始めればいいですか。");

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("initiative-city-1", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("原則を全部ざっと教えて", new[] { "principles-intro" })]
    [InlineData("Can you list all the principles?", new[] { "principles-intro" })]
    [InlineData("協働推進の取り組みの全体像は？", new[] { "initiatives-intro", "overview-initiatives" })]
    [InlineData("協働の課題って全部でいくつある？", new[] { "challenges-intro", "overview-challenges" })]
    [InlineData("NPOやボランティア団体が抱えている課題をまとめて教えて", new[] { "challenges-npo", "overview-challenges" })]
    public void Ask_BroadQuestion_IsAnsweredWithAList(string question, string[] listSections)
    {
        var answer = fixture.Ask(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Contains(answer.Citations[0].Id, listSections);
    }

    [Theory]
    [InlineData("対等の原則ざっくり教えて", false)] // one part named
    [InlineData("Give me the gist of the mutual understanding principle.", false)]
    [InlineData("目的共有と相互理解を一覧で", true)] // two parts named: the list shows both
    [InlineData("協働の原則を全部教えて", true)] // none named: 原則 is the group's word
    [InlineData("取り組みってぜんぶで何個あるの？", true)] // 取り組み stands in the headings of a whole chapter
    public void Analyze_AListCue_AsksForTheListUnlessOnePartIsNamed(string question, bool asksForList) =>
        Assert.Equal(asksForList, fixture.Knowledge.Current.Analyze(question).AsksForList);

    [Theory]
    [InlineData("協働の7つの約束のうち、最初のやつってなんだっけ？", "principle-1")]
    [InlineData("NPOの課題の2つ目って何？", "challenge-npo-2")]
    [InlineData("協働の7つの約束のうち、3つ目ってなんだっけ？", "principle-3")] // judged on the group's evidence (was refused at 0.27)
    [InlineData("行動規範の最後のやつ教えて", "principle-7")]
    [InlineData("What's the third principle?", "principle-3")]
    [InlineData("What does the city do for NPOs? Everything, please.", "initiatives-civic-env")]
    [InlineData("市はNPOやボランティア団体のために何をしてくれるんですか？取り組みを全部教えてください", "initiatives-civic-env")]
    [InlineData("市民活動団体の課題って、情報発信のほかに何があったっけ", "challenges-npo")]
    [InlineData("What other problems do NPOs have besides staffing?", "challenges-npo")]
    public void Ask_AMemberByItsPlace_OrTheRestOfAGroup_GetsThatMemberOrTheGroup(string question, string sectionId)
    {
        // docs/decisions/0062-groups-ordinals-and-the-rest.md
        var answer = fixture.Ask(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("最初の打ち合わせで何を決めるべき？", 1, false)] // 打ち合わせ: the ordinal counts meetings
    [InlineData("団体と組むときに最初にすべきことは？", 0, false)] // 最初に: the order of doing
    [InlineData("協働の7つの約束のうち、最初のやつってなんだっけ？", 1, true)]
    [InlineData("What should we do first of all?", 0, false)]
    [InlineData("What is the last principle?", PositionCue.Last, false)]
    public void Analyze_AnOrdinal_IsReadBeforeANounOnly(string question, int position, bool inGroup)
    {
        var q = fixture.Knowledge.Current.Analyze(question);

        Assert.Equal(position, q.Position);
        Assert.Equal(inGroup, q.PositionInGroup);
    }

    [Fact]
    public void ProbeSet_StaysAboveItsMeasuredLevel_AndRefusesItsOutOfScopeQuestions()
    {
        var report = QuestionSetRunner.Run(ProbeSet, fixture.Answerer, fixture.Knowledge);

        // Measured 35/50 in scope before (main 6f66bde: ten named parts with an overview word got their list), 44/50 after.
        // Twelve broad-by-actor probes (bp-51..62) written before ADR 0047-section-facets was measured: 8/12 at main
        // cdd2cfd (52/62 in all, 4 answered with another section), 9/12 with the sections' kind and actor (53/62, 2).
        // 55/62 at main 7440643; 57/62 with "keep in mind" read as the code of conduct and "The whole list, please." (ADR 0062).
        Assert.True(report.InScopePassed >= 57, $"{report.InScopePassed}/{report.InScope} in scope");
        Assert.True(report.AllOutOfScopeRefused, $"{report.OutOfScopeRefused}/{report.OutOfScope} refused");
    }
}
