using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The story reading (docs/decisions/0072-story-reading.md): a naive Bayes over the phrasings' character grams that
/// confirms a close decision when the whole message reads like the unit's phrasings. Every message here is made up.
/// </summary>
public sealed class StoryReadingTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static PhrasingBayes Reading(params (int Section, string Text)[] phrasings) =>
        PhrasingBayes.Build([.. phrasings.Select(p => new IndexedPhrasing(p.Section, p.Text))], sections: 2);

    private static readonly (int, string)[] Phrasings =
    [
        (0, "課から課へたらい回しにされたと団体さんに言われた"),
        (0, "相談窓口がどこかわからず回されるのはなぜ？"),
        (1, "団体とゴールがずれていて話が平行線"),
        (1, "事業の目的を最初にすり合わせるには？"),
        (-1, "会議室の予約は何日前から？"),
        (-1, "駐車場は何台とめられますか"),
    ];

    [Fact]
    public void Features_AreAsciiWordsWholeAndJapaneseRunsAsBigramsAndTrigrams()
    {
        var features = PhrasingBayes.Features("Who decides? 役割分担").ToList();

        Assert.Equal(["w:who", "w:decides", "役割", "割分", "分担", "役割分", "割分担"], features);
    }

    [Fact]
    public void Features_AreReadAfterNfkcAndLowerCase()
    {
        Assert.Equal(PhrasingBayes.Features("NPO さん"), PhrasingBayes.Features("ＮＰＯ　さん"));
        Assert.Contains("w:npo", PhrasingBayes.Features("ＮＰＯ　さん"));
    }

    [Fact]
    public void Read_AStoryWithoutAnyPhrasingsWording_PointsToTheSectionWhosePhrasingsShareItsWords()
    {
        var reading = Reading(Phrasings).Read("窓口で、別の課へたらい回しにされたと団体の方が怒っていました。");

        Assert.Equal(0, reading.Section);
        Assert.True(reading.OverNone > 0, $"over none {reading.OverNone}");
        Assert.True(reading.OverRunner > 0, $"over runner {reading.OverRunner}");
    }

    [Fact]
    public void Read_AnOfficeMatter_ReadsMoreLikeTheQuestionsTheManualDoesNotAnswer()
    {
        var reading = Reading(Phrasings).Read("会議室の予約と駐車場の台数を教えてください");

        Assert.True(reading.OverNone < 0, $"over none {reading.OverNone}");
    }

    [Fact]
    public void Read_WithAPhrasingLeftOut_DoesNotFindThatPhrasingsOwnWords()
    {
        var reading = Reading([.. Phrasings, (1, "下請け扱いされて悔しい")]);
        var asked = "下請け扱いされて悔しい";

        Assert.Equal(1, reading.Read(asked).Section);
        Assert.True(reading.Read(asked, exclude: Phrasings.Length).OverRunner < reading.Read(asked).OverRunner);
    }

    [Fact]
    public void Read_TextWithNoKnownFeature_NamesNoSection()
    {
        Assert.Equal(-1, Reading(Phrasings).Read("xyz").Section);
    }

    [Theory]
    [InlineData("団体との目的共有って何？", true)]
    [InlineData("NPOさんとの協働の進め方", true)]
    [InlineData("What does 協働 mean for the city?", false)]
    [InlineData("How do I reset my password?", false)]
    public void MostlyJapanese_CountsKanaAndKanjiAmongTheLetters(string text, bool expected)
    {
        Assert.Equal(expected, LanguageResolver.MostlyJapanese(text));
    }

    [Theory]
    [InlineData("会議のたびに団体さんとの話がかみ合わなくて、向こうは楽しい居場所づくり、こっちは参加者数の目標で、どこまでいっても平行線なんです。", "principle-1")]
    [InlineData("協働って言葉を説明会で使ったら、住民の方にまったく通じませんでした。", "challenge-common-1")]
    public void ACloseDecisionTheStoryConfirms_IsAnswered(string story, string section)
    {
        var answer = fixture.Answerer.Ask(story, Language.Japanese);

        Assert.NotNull(answer.Evidence);
        Assert.True(AnswerDecision.Confidence(answer.Evidence!.Features) < KnowledgeAnswerer.Threshold, "the fitted decision alone refuses it");
        Assert.Equal(section, answer.Evidence.Unit);
        Assert.Equal(KnowledgeAnswerer.Threshold, answer.Confidence);
        Assert.True(answer.Answered);
    }

    [Fact]
    public void ACloseDecisionInEnglish_IsNotReadAsAStory()
    {
        // English words are read whole and unstemmed against few English negatives: the reading stays out of it.
        var answer = fixture.Answerer.Ask("What's the name of the group that runs the Japanese class at the community centre?", Language.English);

        Assert.False(answer.Answered);
    }

    [Fact]
    public void AnAnswerTheStoryReadsAsAnotherSection_CitesThatSectionOrOffersItFirst()
    {
        // Each was answered with another section than the story's before the classifier (session 17): the second opinion
        // now moves some of them to the story's section (ADR 0073); the others offer it first among their related sections.
        string[] messages =
        [
            "市も団体も住民もみんなが抱えてる課題って何だっけ？",
            "団体さんと会議しても話がかみ合わない…最初に何をそろえておけばよかったんだろう？",
        ];
        var index = fixture.Knowledge.Current;
        foreach (var message in messages)
        {
            var answer = fixture.Ask(message);
            Assert.True(answer.Answered, message);
            var story = index.Phrasings.Bayes.Read(message);
            Assert.True(story.OverNone >= KnowledgeAnswerer.StoryOverNone, message);
            var read = index.Sections[story.Section].Section.Id;
            Assert.True(answer.Citations[0].Id == read || answer.Suggestions[0].Id == read, $"{message}: cited {answer.Citations[0].Id}, offered {answer.Suggestions[0].Id}, read {read}");
        }
    }
}
