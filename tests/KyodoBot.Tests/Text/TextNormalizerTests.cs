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
    [InlineData("ja-JP", "ヘルプ", Language.Japanese)]
    [InlineData("en-US", "ヘルプ", Language.Japanese)]
    [InlineData("en-US", "help", Language.English)]
    [InlineData("ja-JP", "help", Language.Japanese)]
    [InlineData("ja-JP", "What does the principle of equality mean?", Language.English)]
    [InlineData("en-GB", "", Language.English)]
    [InlineData(null, "", Language.Japanese)]
    [InlineData("fr-FR", "aide", Language.Japanese)]
    [InlineData("en-US", "ﾍﾙﾌﾟ", Language.Japanese)]
    public void Resolve_PrefersTheScriptOfTheText_ThenTheLocale(string? locale, string text, Language expected) =>
        Assert.Equal(expected, LanguageResolver.Resolve(locale, text));
}
