using KyodoBot.Core.Text;

namespace KyodoBot.Tests.Text;

/// <summary>Escapes only where Markdown would start: everyday answers are echoed without a visible backslash.</summary>
public sealed class MarkdownTests
{
    [Theory]
    [InlineData("yamada@example.jp")]
    [InlineData("yamada_h@example.jp")]
    [InlineData("093-123-4567")]
    [InlineData("2028/3/31")]
    [InlineData("2028.3.31")]
    [InlineData("e-mail (連絡用)")]
    [InlineData("120万円 + 会場費")]
    [InlineData("はい！ 2.5%")]
    [InlineData("理事長 山田 花子")]
    public void Escape_LeavesEverydayAnswersUntouched(string text) => Assert.Equal(text, Markdown.Escape(text));

    [Theory]
    [InlineData("- item", @"\- item")]
    [InlineData("  # 見出し", @"  \# 見出し")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("1. one", @"1\. one")]
    [InlineData("a\n2) two", "a\n2\\) two")]
    [InlineData("**bold**", @"\*\*bold\*\*")]
    [InlineData("_it_", @"\_it\_")]
    [InlineData("`code`", @"\`code\`")]
    [InlineData("<b>x</b>", @"\<b>x\</b>")]
    [InlineData("a|b", @"a\|b")]
    [InlineData("[x](y)", @"\[x\]\(y)")]
    [InlineData(@"\*", @"\\\*")]
    [InlineData(@"C:\data", @"C:\data")]
    public void Escape_NeutralisesMarkupWhereItWouldStart(string text, string expected) => Assert.Equal(expected, Markdown.Escape(text));
}
