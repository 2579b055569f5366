using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Text;

namespace KyodoBot.Tests.Knowledge;

public sealed class QuestionAnalyzerTests
{
    private static readonly KnowledgeVocabulary Vocabulary = KnowledgeVocabulary.Load(KnowledgePaths.Folder, new List<KnowledgeLoadError>());

    [Theory]
    [InlineData("公開の原則とは何ですか", "公開の原則")]
    [InlineData("公開の原則とは？", "公開の原則")]
    [InlineData("協働の原則を教えてください", "協働の原則")]
    [InlineData("教えて、時限性の原則について", "時限性の原則")]
    [InlineData("時限性の原則について", "時限性の原則")]
    [InlineData("対等の原則の内容は？", "対等の原則")]
    [InlineData("対等の原則ですか", "対等の原則")]
    [InlineData("ＳＮＳって何？", "sns")]
    [InlineData("市民活動拠点の機能強化とは", "市民活動拠点の機能強化")]
    [InlineData("協働に関する情報が不足しているとはどういうことですか", "協働に関する情報が不足している")]
    [InlineData("何ですか", "何")]
    public void StripWrappers_Japanese_LeavesWhatIsAskedAbout(string question, string core) =>
        Assert.Equal(core, QuestionAnalyzer.StripWrappers(TextNormalizer.Key(question), isEnglish: false));

    [Theory]
    [InlineData("What does the principle of equality mean?", "principle of equality")]
    [InlineData("What is SNS?", "sns")]
    [InlineData("Tell me about mutual understanding", "mutual understanding")]
    [InlineData("Could you please explain the principle of disclosure, please?", "principle of disclosure")]
    [InlineData("what's the time limit principle", "time limit principle")]
    [InlineData("Can you explain 'taitou no gensoku' in simple terms?", "'taitou no gensoku'")] // how to put it, not what about
    [InlineData("In short, what is the principle of equality?", "principle of equality")]
    [InlineData("What is the principle of equality, in plain English?", "principle of equality")]
    [InlineData("Why are volunteers in short supply?", "volunteers in short supply")] // "in short" only as a phrase of its own
    public void StripWrappers_English_LeavesWhatIsAskedAbout(string question, string core) =>
        Assert.Equal(core, QuestionAnalyzer.StripWrappers(TextNormalizer.Key(question), isEnglish: true));

    [Fact]
    public void Analyze_FoldsWidthAndCase_AndAppliesSynonyms()
    {
        var question = QuestionAnalyzer.Analyze("ＮＰＯ法人とｺﾗﾎﾞする時の補助金は？", Vocabulary);

        Assert.False(question.IsEnglish);
        Assert.Equal(["npo", "協働", "時", "公金"], question.Concepts.Select(c => c.Key));
    }

    [Fact]
    public void Analyze_QuestionWordsAndParticles_AreNotConcepts()
    {
        var question = QuestionAnalyzer.Analyze("市民の何割が協働という言葉を知らないのですか？", Vocabulary);

        Assert.Equal(["市民", "割", "協働", "言葉", "知"], question.Concepts.Select(c => c.Key));
    }

    [Fact]
    public void Analyze_English_TranslatesThroughTheGlossary_AndWeighsUnknownWordsWhole()
    {
        var question = QuestionAnalyzer.Analyze("What does the principle of equality mean for parking?", Vocabulary);

        Assert.True(question.IsEnglish);
        Assert.Equal(["principle", "equality", "parking"], question.Concepts.Select(c => c.Key));
        Assert.Equal([1.0, 1.0, 1.0], question.Concepts.Select(c => c.Weight)); // "parking" is what the manual lacks
        Assert.Contains(question.Concepts[1].Forms, f => f.Terms.SequenceEqual(["対等"]));
    }

    [Theory]
    [InlineData("How can groups propose joint projects?", "proposal", "提案")] // propose → proposal
    [InlineData("How does the city encourage residents?", "encouragement", "促進")] // encourage → encouragement
    [InlineData("Is a reliable group easier to work with?", "reliability", "信頼")] // reliable → reliability
    [InlineData("Which programs are planned?", "plan", "計画")] // planned → plan (doubled consonant)
    [InlineData("How is the work organised?", "organization", "団体")] // British -ise → -ize → -ization
    public void Analyze_EnglishVerbOrAdjective_FindsTheNounTheDictionaryLists(string text, string key, string japanese)
    {
        var concept = Assert.Single(QuestionAnalyzer.Analyze(text, Vocabulary).Concepts, c => c.Key == key);

        Assert.Contains(concept.Forms, f => string.Concat(f.Terms).Contains(japanese, StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_English_FoundIsFindsPast_NotFounding()
    {
        var question = QuestionAnalyzer.Analyze("What problems has the city found?", Vocabulary);

        Assert.DoesNotContain(question.Concepts, c => c.Key.StartsWith("found", StringComparison.Ordinal));
        Assert.DoesNotContain(question.Concepts, c => c.Forms.Any(f => f.Terms.Any(t => t.Contains('設', StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("calling", "cal")]
    [InlineData("notes", "notation")]
    public void Stems_DoNotInventWords(string word, string wrong) =>
        Assert.DoesNotContain(wrong, QuestionAnalyzer.Stems(word));

    [Theory]
    [InlineData("協働の7つの原則を教えてください", true)]
    [InlineData("協働の原則いくつある？", true)]
    [InlineData("行動規範の一覧を見せて", true)]
    [InlineData("What are the seven principles of collaboration?", true)]
    [InlineData("List all challenges", true)]
    [InlineData("公開の原則とは", false)]
    [InlineData("What is the principle of disclosure?", false)]
    public void Analyze_DetectsListQuestions(string text, bool asksForList) =>
        Assert.Equal(asksForList, QuestionAnalyzer.Analyze(text, Vocabulary).AsksForList);

    [Fact]
    public void Analyze_ListCount_IsNotAConcept()
    {
        var question = QuestionAnalyzer.Analyze("協働の7つの原則を教えてください", Vocabulary);

        Assert.Equal(["協働", "原則"], question.Concepts.Select(c => c.Key));
    }

    [Theory]
    [InlineData("市の課題", "市役所の課題")]
    [InlineData("市民の課題", "市民の課題")]
    [InlineData("区役所の職員", "区役所の市職員")]
    [InlineData("prの方法", "情報発信の方法")]
    [InlineData("program", "program")]
    [InlineData("役割分担の原則", "役割分担の原則")]
    [InlineData("補助金と予算", "公金と公金")]
    public void Canonicalize_ReplacesVariantsOnWordBoundariesOnly(string text, string expected) =>
        Assert.Equal(expected, TermAnalyzer.Canonicalize(text, Vocabulary));

    [Fact]
    public void Runs_HiraganaSeparates_AndKanjiKatakanaBecomeBigrams()
    {
        var runs = TermAnalyzer.Runs("協働のルールをsnsで確認");

        Assert.Equal(["協働", "ルール", "sns", "確認"], runs.Select(r => r.Text));
        Assert.Equal(["ルー", "ール"], TermAnalyzer.Terms(runs[1]));
        Assert.Equal(["sns"], TermAnalyzer.Terms(runs[2]));
    }

    [Theory]
    [InlineData("<b>公開の原則</b>とは", "公開の原則 とは")]
    [InlineData("<at>KyodoBot</at> 公開の原則", "公開の原則")]
    [InlineData("[公開の原則](https://example.com/x)とは", "公開の原則とは")]
    [InlineData("**公開** の `原則` https://example.com &amp;", "公開 の 原則")]
    public void StripMarkup_DropsTagsMentionsLinksAndMarkdown(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(QuestionAnalyzer.StripMarkup(text)));

    [Fact]
    public void Truncate_KeepsTheFirstThousandCharacters_WithoutSplittingASurrogatePair()
    {
        var plain = QuestionAnalyzer.Truncate(new string('あ', 10_000));
        Assert.True(plain.Truncated);
        Assert.Equal(QuestionAnalyzer.MaxQuestionLength, plain.Text.Length);

        var emoji = QuestionAnalyzer.Truncate(new string('あ', 999) + string.Concat(Enumerable.Repeat("😀", 10)));
        Assert.True(emoji.Truncated);
        Assert.Equal(999, emoji.Text.Length);

        Assert.False(QuestionAnalyzer.Truncate(new string('あ', 1_000)).Truncated);
    }
}
