using KyodoBot.Core.Conversations;
using KyodoBot.Core.Text;

namespace KyodoBot.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＮＰＯ法人", "NPO法人")]
    [InlineData("ｺﾗﾎﾞ", "コラボ")]
    [InlineData("  登録　　市民活動推進課 ", "登録 市民活動推進課")]
    [InlineData("公開\u0000の\u200B原則", "公開の原則")]
    [InlineData("①", "1")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_FoldsWidthAndWhitespace_AndDropsControlCharacters(string? input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Key_IsCaseInsensitive() => Assert.Equal(TextNormalizer.Key("ＨＥＬＰ"), TextNormalizer.Key("help"));

    [Fact]
    public void MarkdownEscape_NeutralisesLinksAndEmphasis() =>
        Assert.Equal(@"\[x\]\(http://a) \*b\*", Markdown.Escape("[x](http://a) *b*"));
}

public sealed class LanguageResolverTests
{
    [Theory]
    [InlineData("ヘルプ", Language.Japanese)]
    [InlineData("ﾍﾙﾌﾟ", Language.Japanese)]
    [InlineData("What does the principle of equality mean?", Language.English)]
    [InlineData("How do I file a proposal", Language.English)]
    [InlineData("please send it to me by e-mail", Language.English)]
    [InlineData("help", null)]
    [InlineData("2", null)]
    [InlineData("2028/3/31", null)]
    [InlineData("yamada.taro@city.example.lg.jp", null)]
    [InlineData("contact: yamada.taro@city.example.lg.jp or https://www.example.org/about/us", null)]
    [InlineData("093-123-4567", null)]
    [InlineData("1-2-3 Chuo, Kita Ward, Kumamoto City", null)]
    [InlineData("Friends of the Earth Japan", null)]
    [InlineData("NPO Green Network Kumamoto", null)]
    [InlineData("", null)]
    [InlineData("Hello, I am new here. What does 時限性 mean? Must we stop a project after some years?", Language.English)]
    [InlineData("Is there a fee for the 社会福祉ボランティア大学校 courses?", Language.English)]
    [InlineData("Green Network 熊本", null)]
    [InlineData("協働提案事業 締切 何月?", Language.Japanese)]
    [InlineData("NPOとのMOUってどう書く？", Language.Japanese)]
    [InlineData("ｼﾐﾝ活動ｻﾎﾟｰﾄｾﾝﾀｰ HP", Language.Japanese)]
    public void FromText_OnlyJapaneseScriptOrAnEnglishSentenceShowsALanguage(string text, Language? expected) =>
        Assert.Equal(expected, LanguageResolver.FromText(text));

    [Theory]
    [InlineData("yamada@example.jp", Language.Japanese, Language.Japanese)]
    [InlineData("2", Language.English, Language.English)]
    [InlineData("ヘルプ", Language.English, Language.Japanese)]
    [InlineData("How do I file a proposal?", Language.Japanese, Language.English)]
    public void Resolve_KeepsTheCurrentLanguage_UnlessTheUserWritesAnother(string text, Language current, Language expected) =>
        Assert.Equal(expected, LanguageResolver.Resolve(text, current));

    [Theory]
    [InlineData(null, Language.Japanese)]
    [InlineData("ja", Language.Japanese)]
    [InlineData(" EN ", Language.English)]
    public void ParseDefault_ReadsJaOrEn(string? value, Language expected) =>
        Assert.Equal(expected, LanguageResolver.ParseDefault(value));

    [Fact]
    public void ParseDefault_Unknown_NamesTheKey() =>
        Assert.Contains("'Kyodo:DefaultLanguage'", Assert.Throws<KyodoBot.Core.Hosting.KyodoConfigurationException>(() => LanguageResolver.ParseDefault("fr")).Message);
}
