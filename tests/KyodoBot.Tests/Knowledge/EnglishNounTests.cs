using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// English verbs in -ify and -ide/-ude are looked up by their regular noun, as the dictionaries list them (certify →
/// certification 認定/認証, provide → provision), like the other nominalizations of ADR 0033.
/// </summary>
public sealed class EnglishNounTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("certified", "certification")]
    [InlineData("clarifies", "clarification")]
    [InlineData("provided", "provision")]
    [InlineData("includes", "inclusion")]
    public void Stems_AVerbOfTheseEndings_TriesItsNoun(string word, string noun) =>
        Assert.Contains(noun, QuestionAnalyzer.Stems(word));

    [Fact]
    public void Ask_BecomingACertifiedNpo_IsAnsweredWithTheCertificationSupport()
    {
        var answer = fixture.Answerer.Ask("Can a volunteer group get certified as an NPO with the city's help?", Language.English);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("initiative-civic-env-3", answer.Citations[0].Id);
    }
}
