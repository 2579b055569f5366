using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// <c>knowledge/_glossary-questions.yaml</c> (docs/decisions/0056-question-glossary.md): English read in a staff
/// member's question only; the phrasings and the manual are read as without it.
/// </summary>
public sealed class QuestionGlossaryTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private const string Glossary = """
        terms:
          - en: [equality, equal]
            ja: [対等]
        """;

    private const string QuestionGlossary = """
        terms:
          - en: [on an equal footing, boss them around]
            ja: [対等]
          - en: [equal]
            ja: [原則]
        """;

    [Fact]
    public void ForQuestions_ReadsTheQuestionsOnlyEntries_ThePlainVocabularyDoesNot()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write(KnowledgeVocabulary.GlossaryFile, Glossary);
        folder.Write(KnowledgeVocabulary.QuestionGlossaryFile, QuestionGlossary);
        var errors = new List<KnowledgeLoadError>();

        var vocabulary = KnowledgeVocabulary.Load(folder.Path, errors);

        Assert.Empty(errors);
        const string text = "Should we boss them around or work on an equal footing?";
        var plain = QuestionAnalyzer.Analyze(text, vocabulary).Concepts.Select(c => c.Key).ToList();
        var asked = QuestionAnalyzer.Analyze(text, vocabulary.ForQuestions).Concepts.Select(c => c.Key).ToList();
        Assert.Equal(["boss", "around", "equal", "footing"], plain);
        Assert.Equal(["boss them around", "on an equal footing"], asked);
        Assert.False(vocabulary.Glossary.ContainsKey("on an equal footing"));
    }

    [Fact]
    public void ForQuestions_AKeyOfBothLists_ReadsAsBoth()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write(KnowledgeVocabulary.GlossaryFile, Glossary);
        folder.Write(KnowledgeVocabulary.QuestionGlossaryFile, QuestionGlossary);

        var vocabulary = KnowledgeVocabulary.Load(folder.Path, []);

        Assert.Equal(["対等"], vocabulary.Glossary["equal"]);
        Assert.Equal(["対等", "原則"], vocabulary.ForQuestions.Glossary["equal"]);
    }

    [Fact]
    public void ForQuestions_WithoutTheFile_IsThePlainVocabulary()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write(KnowledgeVocabulary.GlossaryFile, Glossary);

        var vocabulary = KnowledgeVocabulary.Load(folder.Path, []);

        Assert.Same(vocabulary, vocabulary.ForQuestions);
    }

    [Fact]
    public void TheIndex_ReadsAQuestionWithTheQuestionsOnlyEntries_AndAPhrasingWithout()
    {
        var index = fixture.Knowledge.Current;
        const string text = "Should the city treat them as equals?";

        Assert.Contains(index.Analyze(text).Concepts, c => c.Key == "treat them as equals");
        Assert.DoesNotContain(QuestionAnalyzer.Analyze(text, index.Vocabulary).Concepts, c => c.Key == "treat them as equals");
    }
}
