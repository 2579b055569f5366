using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// How staff's Japanese is read before it is matched: a typo with two near words of the manual, a particle dropped
/// before a verb, a suffix of kind, words that say where to look, and a figure asked as 「…のどれくらい」
/// (docs/decisions/0059-japanese-readings.md).
/// </summary>
public sealed class JapaneseReadingTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Fact]
    public void Ask_ATypoOneKanjiFromTwoWords_IsReadAsTheOneOfTheSameSound()
    {
        // 自主制 is one character from both 自主性 and 自主的; 制 and 性 are both セイ.
        var typed = fixture.Knowledge.Current.Analyze("自主制の原則ってなんですか").Concepts.Single(c => c.Key == "自主制");
        Assert.Contains(typed.Forms, f => f.Terms.Contains("主性"));

        var answer = fixture.Answerer.Ask("自主制の原則ってなんですか", Language.Japanese);
        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("principle-3", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("公金出すときに大事なことは", "公金")] // 公金(を)出す
    [InlineData("税金使わない協働もある？", "税金")] // a word the synonym map reads as 公金
    public void Analyze_AManualWordBeforeAVerbWithoutを_IsReadAsThatWord(string question, string word)
    {
        var keys = fixture.Knowledge.Current.Analyze(question).Concepts.Select(c => c.Key).ToList();

        Assert.DoesNotContain(keys, k => k.Length > word.Length && k.StartsWith(word, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("会議室って予約できる？")] // って after a noun is no verb ending
    [InlineData("自主的に動く団体とは")] // に after a noun
    public void Analyze_ANounBeforeAParticle_IsNotCut(string question)
    {
        var index = fixture.Knowledge.Current;
        Assert.Equal(
            QuestionAnalyzer.Analyze(question, index.Vocabulary.ForQuestions).Concepts.Select(c => c.Key),
            index.Analyze(question).Concepts.Select(c => c.Key));
    }

    [Fact]
    public void Analyze_AManualWordWithASuffixOfKind_IsReadAsThatWord()
    {
        var keys = fixture.Knowledge.Current.Analyze("提案型の事業はどう位置付けられてる？").Concepts.Select(c => c.Key).ToList();

        Assert.Contains("提案", keys);
        Assert.DoesNotContain("提案型", keys);
        Assert.DoesNotContain("位置付", keys); // asks what the manual says, like 記載
    }

    [Fact]
    public void Ask_TheListOfChallengesAskedByItsDivisions_IsAnsweredWithTheTable()
    {
        var answer = fixture.Answerer.Ask("課題の一覧表って何個の区分に分かれてたっけ", Language.Japanese);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("overview-challenges", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("協働の意味わかんないって答えたのどれくらいだっけ")]
    [InlineData("協働を知ってるのはどのくらい？")]
    [InlineData("市全体でもそういう傾向があるって計画にデータあったりしますか")]
    public void Expects_HowManyOfThoseWhoDidSomething_IsACount(string question) =>
        Assert.Equal(AnswerKind.Count, QuestionAnalyzer.Analyze(question, KnowledgeVocabulary.Empty).Expects);

    [Theory]
    [InlineData("このやり方はどれくらい続ければいい？")] // how long, no clause made a noun
    [InlineData("評価はどれくらいの頻度で？")]
    public void Expects_HowMuchOfAnAction_IsNoCount(string question) =>
        Assert.NotEqual(AnswerKind.Count, QuestionAnalyzer.Analyze(question, KnowledgeVocabulary.Empty).Expects);

    /// <summary>
    /// A story of several sentences none of which asks names a fact in passing (人数 as the partner's priority); its last
    /// sentence is the focus only for want of a question. The same words asked, or said to be wanted, are a fact asked.
    /// </summary>
    [Theory]
    [InlineData("NPOと清掃活動を始めました。こちらは参加人数を目標にしていたのに、団体の方は人数は二の次だと言っていて、話が噛み合いません。", AnswerKind.Any)]
    [InlineData("NPOと清掃活動を始めました。去年の参加人数は？", AnswerKind.Count)]
    [InlineData("NPOと清掃活動を始めました。去年の参加人数を確認したいです。", AnswerKind.Count)]
    [InlineData("清掃活動の参加人数は", AnswerKind.Count)]
    public void Expects_TheFocusOfAStoryThatAsksNothing_NamesNoFactAsked(string message, AnswerKind kind) =>
        Assert.Equal(kind, QuestionAnalyzer.Analyze(message, KnowledgeVocabulary.Empty).Expects);

    [Fact]
    public void IsFramingWord_ThePlan_NamesTheDocumentLikeThePolicy()
    {
        Assert.True(QuestionAnalyzer.IsFramingWord("計画"));
        Assert.True(QuestionAnalyzer.IsFramingWord("方針"));
    }

    /// <summary>
    /// 「どっちが対応するか」で揉めた, 責任の押し付け合い: who deals with it was not decided — 役割分担 (「それぞれの役割と
    /// 責任を協議し、明確にしておくこと」) in everyday words. Both stories were refused before these paraphrases.
    /// </summary>
    [Theory]
    [InlineData("異動してきて、初めて協働事業の担当になりました。前の年に講座で受講者が転んでけがをして、市と団体のどっちが対応するかで揉めたそうです。同じことにならないように、最初に何をしておけばいいでしょうか。")]
    [InlineData("公園の花壇づくりを自治会とやっています。水やりの当番が抜けた日があり、市と自治会で押し付け合いになってしまいました。今後どうしておけばよかったのでしょう。")]
    public void WhoDealsWithItNotDecided_IsRoleSharing(string story)
    {
        var answer = fixture.Answerer.Ask(story, Language.Japanese);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("principle-4", answer.Citations[0].Id);
    }

    [Fact]
    public void DecisionsOnlyAnnouncedNeverDiscussed_IsEquality()
    {
        // 「決まったことを伝えに来るだけ」「一度も相談されたことがない」: a one-way relation, not 対等なパートナー.
        var answer = fixture.Answerer.Ask("地区の見守り活動を民生委員さんたちと続けています。先日、委員長さんから「市はいつも決まったことを伝えに来るだけで、こちらは一度も相談されたことがない」と言われました。", Language.Japanese);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("principle-5", answer.Citations[0].Id);
    }

    [Fact]
    public void CarriesConcern_AColloquialばっかり_TellsAConcern() =>
        Assert.True(SentenceRoles.CarriesConcern("団体さんに「市役所はたらい回しばっかり」って言われました。", isEnglish: false));
}
