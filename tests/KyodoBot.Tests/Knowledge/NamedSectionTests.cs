using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Questions that name one section of the manual (a principle, a challenge, an initiative) by its short name and ask
/// what it means: the named section answers, not the list it belongs to (docs/decisions/XXXX-paraphrase-named-sections.md).
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
}
