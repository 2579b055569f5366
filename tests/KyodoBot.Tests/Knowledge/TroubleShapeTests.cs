using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Text;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Trouble shapes (<c>knowledge/_troubles.tsv</c>, docs/decisions/0035-trouble-shapes.md): a situation told in
/// everyday words is read with the manual's word for the principle that answers it. The messages here are made up.
/// </summary>
public sealed class TroubleShapeTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Fact]
    public void MarkTroubles_WritesTheManualsWordAfterTheShape_AndLeavesOtherTextAlone()
    {
        var vocabulary = new KnowledgeVocabulary(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>())
        {
            Troubles = [(new System.Text.RegularExpressions.Regex("誰が[^。]{0,10}決まっていない"), "役割分担")],
        };

        Assert.Equal("鍵を誰が返すか決まっていない（役割分担）。困った。", vocabulary.MarkTroubles("鍵を誰が返すか決まっていない。困った。"));
        Assert.Equal("会議室はどこ?", vocabulary.MarkTroubles("会議室はどこ?"));
    }

    [Fact]
    public void SentenceHoldingAShape_TellsAConcern_WithoutAnyWordOfWorry()
    {
        const string story = "行事の中身は市が一方的に決めて団体に伝えることにしました。団体との関係は大丈夫でしょうか？";
        var vocabulary = new KnowledgeVocabulary(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>())
        {
            Troubles = [(new System.Text.RegularExpressions.Regex("一方的に[^。]{0,12}決め"), "自主性")],
        };

        Assert.Equal([SentenceRole.Setting, SentenceRole.Question], QuestionAnalyzer.Analyze(story, KnowledgeVocabulary.Empty).Sentences.Select(s => s.Role));
        var question = QuestionAnalyzer.Analyze(story, vocabulary);
        Assert.Equal([SentenceRole.Concern, SentenceRole.Question], question.Sentences.Select(s => s.Role));
        Assert.Contains(question.Concepts, c => c.Key == "自主性" && !c.Setting);
    }

    [Theory]
    [InlineData("(unclosed\t役割分担")]
    [InlineData("[z-a]\t役割分担")]
    public void Load_ReportsABrokenShape_AndKeepsTheOthers(string line)
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write(KnowledgeVocabulary.TroublesFile, "# a comment\n" + line + "\n誰が[^。]{0,10}決まっていない\t役割分担\n");
        var errors = new List<KnowledgeLoadError>();

        var vocabulary = KnowledgeVocabulary.Load(folder.Path, errors);

        Assert.Contains(errors, e => e.File == KnowledgeVocabulary.TroublesFile);
        Assert.Single(vocabulary.Troubles);
    }

    [Fact]
    public void ShippedShapes_DoNotFireOnAnyQuestionTheManualDoesNotAnswer()
    {
        var vocabulary = fixture.Knowledge.Current.Vocabulary;
        Assert.NotEmpty(vocabulary.Troubles);

        var errors = new List<KnowledgeLoadError>();
        var fired = NotInManual.Load(KnowledgePaths.Folder, errors)
            .Select(TextNormalizer.Key)
            .Where(q => vocabulary.MarkTroubles(q) != q)
            .ToList();

        Assert.Empty(errors);
        Assert.Empty(fired);
    }

    [Fact]
    public void Story_OfAnEventNobodyReviews_IsAnsweredWithTheTimeLimitPrinciple()
    {
        // Made up: "the results have never been checked" and "nothing has changed in ten years" are the review and end
        // the time-limit principle asks for; without the shapes this was answered with the openness principle (成果).
        const string story = "地域の夏祭りを毎年団体と共催していますが、10年前から中身がほとんど変わっていません。"
            + "誰も成果を確かめないまま続いています。このままで良いのでしょうか？";

        var answer = fixture.Answerer.Ask(story, Language.Japanese);

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal("principle-7", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("異動の内示がまだ出ていません。引き継ぎを誰がやるのか決まっていないので困っています。人事課にはいつまでに何を出せばいいですか？")]
    [InlineData("上司の言い方がいつも上から目線で、正直つらいです。職員向けのハラスメント相談窓口の電話番号を教えてください。")]
    [InlineData("防災訓練の結果をまだ市民に公表していません。市のホームページに記事を載せるには、どの様式で広報課に申し込めばいいですか？")]
    [InlineData("補助金がないと続けられないという団体があります。来年度の補助金の申請締切はいつですか？")]
    public void OutOfScopeStory_HoldingATroubleShape_StaysRefused(string story)
    {
        var answer = fixture.Answerer.Ask(story, Language.Japanese);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} ({answer.Confidence})");
    }
}
