using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Variants of <c>knowledge/_synonyms.yaml</c> written with groups of alternatives (docs/decisions/0052-paraphrase-lexicon.md):
/// one line stands for every spelling of an everyday paraphrase, and each spelling is read as the manual's word.
/// </summary>
public sealed class SynonymSpellingTests
{
    [Fact]
    public void Spellings_OfAVariantWithGroups_AreEveryCombination()
    {
        Assert.Equal(["目的を揃え", "目的をすり合わせ", "目標を揃え", "目標をすり合わせ"], KnowledgeVocabulary.Spellings("(目的|目標)を(揃え|すり合わせ)"));
    }

    [Fact]
    public void Spellings_AnEmptyAlternative_LeavesTheGroupOut()
    {
        Assert.Equal(["団体のご判断で", "団体の判断で"], KnowledgeVocabulary.Spellings("団体の(ご|)判断で"));
    }

    [Fact]
    public void Spellings_OfAPlainVariant_IsTheVariant()
    {
        Assert.Equal(["上下関係"], KnowledgeVocabulary.Spellings("上下関係"));
    }

    [Theory]
    [InlineData("(目的|目標を揃え")]
    [InlineData("目的|目標)を揃え")]
    [InlineData("((目的|目標))を揃え")]
    public void Spellings_OfABrokenGroup_IsNull(string variant)
    {
        Assert.Null(KnowledgeVocabulary.Spellings(variant));
    }

    [Fact]
    public void Load_ReadsEverySpellingAsTheCanonical_AndReportsABrokenVariant()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write(KnowledgeVocabulary.SynonymsFile, """
            synonyms:
              - canonical: 目的共有
                variants: ["(目指すところ|ゴール)を(揃え|そろえ)", "(壊れた|group"]
            """);
        var errors = new List<KnowledgeLoadError>();

        var vocabulary = KnowledgeVocabulary.Load(folder.Path, errors);

        Assert.Contains(errors, e => e.File == KnowledgeVocabulary.SynonymsFile && e.Message.Contains("(壊れた|group", StringComparison.Ordinal));
        Assert.Equal("事業の目的共有ておきたい", TermAnalyzer.Canonicalize("事業の目指すところを揃えておきたい", vocabulary));
        Assert.Equal("相手と目的共有るには?", TermAnalyzer.Canonicalize("相手とゴールをそろえるには?", vocabulary));
    }

    [Fact]
    public void Canonicalize_AParaphrase_KeepsItsWordsAndAddsTheManualsWord_WhereAVariantIsReplaced()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write(KnowledgeVocabulary.SynonymsFile, """
            synonyms:
              - canonical: 目的共有
                paraphrases: ["目指すところを(揃え|そろえ)"]
              - canonical: 公金
                variants: [補助金]
            """);
        var vocabulary = KnowledgeVocabulary.Load(folder.Path, []);

        Assert.Equal("事業の目指すところを揃え 目的共有 ておきたい", TermAnalyzer.Canonicalize("事業の目指すところを揃えておきたい", vocabulary));
        Assert.Equal("公金事業の目指すところをそろえ 目的共有 る", TermAnalyzer.Canonicalize("補助金事業の目指すところをそろえる", vocabulary));
    }
}
