using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Questions that name one section of the manual (a principle, a challenge, an initiative) by its short name and ask
/// what it means: the named section answers, not the list it belongs to (docs/decisions/0042-paraphrase-named-sections.md).
/// </summary>
public sealed class NamedSectionTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Fact]
    public void Analyze_TwoWordsOfTheManualWrittenWithoutTheParticle_AreReadAsTwoWords()
    {
        var keys = fixture.Knowledge.Current.Analyze("時限性原則って何").Concepts.Select(c => c.Key).ToList();

        Assert.Contains("時限性", keys);
        Assert.Contains("原則", keys);
        Assert.DoesNotContain("時限性原則", keys);
    }

    [Theory]
    [InlineData("市民活動団体とは")] // a word of the manual as it is written stays whole
    [InlineData("駐車場料金は")] // not two words of the manual
    public void Analyze_AWordOfTheManualOrAWordItLacks_IsNotCut(string question)
    {
        var concepts = fixture.Knowledge.Current.Analyze(question).Concepts;

        Assert.Equal(QuestionAnalyzer.Analyze(question, fixture.Knowledge.Current.Vocabulary).Concepts.Select(c => c.Key), concepts.Select(c => c.Key));
    }

    [Theory]
    [InlineData("目的共有原則の意味を教えて", "principle-1")]
    [InlineData("自主性原則って何？", "principle-3")]
    [InlineData("対等原則ってなに", "principle-5")]
    [InlineData("公開原則とは何ですか", "principle-6")]
    public void Ask_APrincipleNamedWithoutTheParticle_QuotesThatPrincipleNotTheList(string question, string sectionId)
    {
        var answer = fixture.Answerer.Ask(question, Language.Japanese);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, Assert.Single(answer.Citations).Id);
    }

    [Theory]
    [InlineData("公会の原則とは", "principle-6")] // 会 for 開 (カイ)
    [InlineData("自主性と対頭の違いは？", null)] // 頭 for 等 (トウ): read, whatever the answer
    public void Ask_ATwoKanjiWordTypedWithAKanjiOfTheSameSound_IsReadAsTheManualsWord(string question, string? sectionId)
    {
        var index = fixture.Knowledge.Current;
        var typed = index.Analyze(question).Concepts.Single(c => c.Key is "公会" or "対頭");

        Assert.Contains(typed.Forms, f => f.Terms.Contains("公開") || f.Terms.Contains("対等"));
        if (sectionId is not null)
        {
            var answer = fixture.Answerer.Ask(question, Language.Japanese);
            Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
            Assert.Equal(sectionId, answer.Citations[0].Id);
        }
    }

    [Theory]
    [InlineData("場所", "長所")] // 場 also reads チョウ, but not as its main sound
    [InlineData("課内", "課題")] // 内 also reads ダイ
    [InlineData("公園", "公開")] // 園 (エン) and 開 (カイ) differ
    public void Analyze_AnOrdinaryTwoKanjiWord_IsNotReadAsAWordOfTheManual(string word, string notThis)
    {
        var concept = fixture.Knowledge.Current.Analyze(word + "について教えて").Concepts.Single(c => c.Key == word);

        Assert.DoesNotContain(concept.Forms, f => f.Terms.Contains(notThis));
    }
}
