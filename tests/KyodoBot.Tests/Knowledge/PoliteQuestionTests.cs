using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Polite questions: keigo read in its plain form, paraphrases of the manual's ideas, and a problem asked for as
/// 「〜が少ないという点」「〜とのご指摘」 (docs/decisions/0060-polite-paraphrases.md).
/// </summary>
public sealed class PoliteQuestionTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("協働の原則についてご教示いただけますでしょうか。", "協働の原則について。")]
    [InlineData("評価の仕組みにつきまして、お伺いできますでしょうか。", "評価の仕組みについて。")]
    [InlineData("方針の考え方をお聞かせください。", "方針の考え方を。")]
    [InlineData("どのように記載されておりますでしょうか。", "どのように記載されていますでしょうか。")]
    [InlineData("そのような定めはございますでしょうか。", "そのような定めはありますでしょうか。")]
    [InlineData("団体が自ら動いていらっしゃること", "団体が自ら動いていること")]
    [InlineData("どのように捉えておられますか", "どのように捉えていますか")]
    [InlineData("恐れ入ります。協働の原則はございますか。", "協働の原則はありますか。")]
    [InlineData("協働の原則について、お伺いしたく存じます。", "協働の原則について。")]
    [InlineData("定めはあるのでしょうか。ご教示くださいますようお願い申し上げます。", "定めはあるのでしょうか。。")]
    public void Plain_Keigo_IsItsPlainForm(string polite, string plain) =>
        Assert.Equal(plain, Keigo.Plain(polite));

    [Theory]
    [InlineData("協働の原則を教えて")] // no keigo
    [InlineData("市民へのご説明の仕方について、計画に書いてある？")] // ご説明 followed by content, not a request to be told
    [InlineData("ご意見を伺いましたが、どう考えればいいですか")] // 伺う told, not asked, mid-sentence
    [InlineData("少なくとも年に一度は見直すべき？")]
    public void Plain_TextWithoutAKeigoRequest_KeepsItsContent(string text) =>
        Assert.Equal(text, Keigo.Plain(text));

    [Fact]
    public void Analyze_AKeigoWrapper_AddsNoConcept()
    {
        var keys = fixture.Knowledge.Current.Analyze("自主性の原則についてご教示いただけますでしょうか。").Concepts.Select(c => c.Key).ToList();

        Assert.DoesNotContain("教示", keys);
    }

    [Theory]
    [InlineData("事業を一定の期日で区切って振り返ることについて", "時限性")]
    [InlineData("市役所内部が部署ごとに分かれていることについて", "縦割")] // 縦割り, its kanji run
    [InlineData("事業の情報を一か所に取りまとめる仕組み", "集約")] // 情報を集約, its kanji runs
    [InlineData("団体同士が意見を交わす場について", "交流")]
    [InlineData("連携先の団体が自らの意思と判断で動くこと", "自主性")]
    public void Analyze_APoliteParaphraseOfAnIdea_IsReadAsTheManualsWord(string question, string word)
    {
        var keys = fixture.Knowledge.Current.Analyze(question).Concepts.Select(c => c.Key).ToList();

        Assert.Contains(word, keys);
    }

    [Theory]
    [InlineData("団体同士が意見を交わす場が少ないという点について、どのような現状認識が示されていますか")]
    [InlineData("部署ごとに分かれていることで不便だとのご指摘について、どのように記載されていますか")]
    public void Kind_AProblemToldAsAStateOrAPointRaised_AsksForAChallenge(string question) =>
        Assert.Equal(AskedKind.Challenge, FacetCue.Kind(question, isEnglish: false));

    [Theory]
    [InlineData("恐れ入ります。連携先の団体が自らの意思と判断で動いていらっしゃることを大切にすべき、という趣旨の定めはございますでしょうか。", "principle-3")]
    [InlineData("事業の成果を一定の期日で区切って振り返り、必要に応じて改めることについて、方針の考え方をお聞かせください。", "principle-7")]
    public void Ask_APoliteParaphrase_IsAnsweredWithItsSection(string question, string section)
    {
        var answer = fixture.Answerer.Ask(question, KyodoBot.Core.Conversations.Language.Japanese);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(section, answer.Citations[0].Id);
    }
}
