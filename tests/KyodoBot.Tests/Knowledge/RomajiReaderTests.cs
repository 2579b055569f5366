using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// A word of the manual typed in romaji inside an English question (docs/decisions/0039-romaji-manual-words.md). The
/// questions are made up for these tests.
/// </summary>
public sealed class RomajiReaderTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static readonly RomajiReader Reader = RomajiReader.From(new Dictionary<string, string>
    {
        ["キョウドウ"] = "協働", ["タテワリ"] = "縦割り", ["ジシュセイ"] = "自主性", ["ジギョウ"] = "事業", ["ホウジン"] = "法人",
        ["シュタイ"] = "主体", ["シュッタイ"] = "出来",
    });

    [Theory]
    [InlineData("kyodo", "協働")]
    [InlineData("kyoudou", "協働")]
    [InlineData("kyōdō", "協働")]
    [InlineData("KYODO", "協働")]
    [InlineData("tatewari", "縦割り")]
    [InlineData("jishusei", "自主性")]
    [InlineData("zisyusei", "自主性")]
    [InlineData("hojin", "法人")]
    [InlineData("houjin", "法人")]
    [InlineData("kyodojigyo", "協働事業")]
    public void ReadsHepburnKunreiAndLongVowels(string typed, string expected) => Assert.Equal(expected, Reader.Read(typed));

    [Theory]
    [InlineData("taken")]      // romaji letters, but no reading of the manual
    [InlineData("evaluation")] // v and l: not romaji
    [InlineData("kyo")]        // too short
    [InlineData("kyodox")]     // a letter romaji lacks
    [InlineData("kyodosan")]   // a tail that is no reading
    public void LeavesOtherWords(string typed) => Assert.Null(Reader.Read(typed));

    [Fact]
    public void TwoWordsSharingASkeleton_AreNotRead()
    {
        // シュタイ and シュッタイ collapse to one skeleton (syutai): neither is guessed.
        Assert.Null(Reader.Read("shutai"));
        Assert.Null(Reader.Read("shuttai"));
    }

    [Theory]
    [InlineData("tatewari", true)]
    [InlineData("shimbun", true)]
    [InlineData("matcha", true)]
    [InlineData("kon'nichiwa", true)]
    [InlineData("plan", false)]
    [InlineData("city", false)]
    [InlineData("strong", false)]
    public void KnowsARomajiWord(string word, bool romaji) => Assert.Equal(romaji, RomajiReader.IsRomaji(word));

    [Fact]
    public void ShippedReadings_ReadTheManualsTerms()
    {
        var romaji = fixture.Knowledge.Current.Vocabulary.Romaji;

        Assert.Equal("縦割り", romaji.Read("tatewari"));
        Assert.Equal("協働", romaji.Read("kyodo"));
        Assert.Equal("目的", romaji.Read("mokuteki"));
        Assert.Equal("共有", romaji.Read("kyoyu"));
    }

    [Theory]
    [InlineData("what is mokuteki kyoyu", "principle-1")]
    [InlineData("Is tatewari mentioned as a problem for the city?", "challenge-city-2")]
    [InlineData("Can you explain koukai no gensoku?", "principle-6")]
    public void EnglishQuestion_WithTheManualsTermInRomaji_IsAnsweredFromItsSection(string question, string section)
    {
        var answer = fixture.Answerer.AnswerFrom(fixture.Knowledge.Current, question, Language.English);

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal(section, answer.Citations[0].Id);
    }
}
