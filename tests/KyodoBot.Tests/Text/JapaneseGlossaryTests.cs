using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Text;

/// <summary>
/// docs/glossary.md is the one list of UI terms; its "Not to use" table names the variants that must not come back
/// (下さい, チャンネル, 所管部署, 事業期間, ～ …). Every Japanese text in ja.json and every card layout is checked against it.
/// </summary>
public sealed partial class JapaneseGlossaryTests
{
    private static readonly string Root = ContentPaths.FindCheckout(AppContext.BaseDirectory) ?? throw new InvalidOperationException("checkout not found");

    [GeneratedRegex(@"^\|\s*(?<banned>[^|]+?)\s*\|\s*(?<use>[^|]+?)\s*\|\s*$")]
    private static partial Regex Row();

    /// <summary>(banned, use instead) from the glossary's "Not to use" table.</summary>
    public static IReadOnlyList<(string Banned, string Use)> NotToUse()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "docs", "glossary.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Not to use", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/glossary.md has no \"## Not to use\" section");
        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => Row().Match(l))
            .Where(m => m.Success && !m.Groups["banned"].Value.StartsWith("---", StringComparison.Ordinal) && m.Groups["banned"].Value != "使わない表記")
            .Select(m => (m.Groups["banned"].Value, m.Groups["use"].Value))
            .ToList();
    }

    [Fact]
    public void TheGlossary_ListsTheVariantsNotToUse()
    {
        var banned = NotToUse().Select(b => b.Banned).ToList();

        Assert.True(banned.Count >= 10, $"only {banned.Count} variants read from docs/glossary.md: {string.Join(", ", banned)}");
        Assert.Contains("下さい", banned);
        Assert.Contains("チャンネル", banned);
        Assert.Contains("～", banned);
    }

    [Fact]
    public void JapaneseTexts_UseNoVariantTheGlossaryBans()
    {
        var strings = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "src", "KyodoBot.Core", "Localization", "ja.json")))!.AsObject();
        var banned = NotToUse();

        var found = strings
            .SelectMany(p => banned.Where(b => p.Value!.GetValue<string>().Contains(b.Banned, StringComparison.Ordinal))
                .Select(b => $"{p.Key}: 「{b.Banned}」 → 「{b.Use}」"))
            .ToList();

        Assert.True(found.Count == 0, "ja.json uses variants docs/glossary.md bans:\n" + string.Join("\n", found));
    }

    [Fact]
    public void CardLayouts_UseNoVariantTheGlossaryBans()
    {
        var banned = NotToUse();

        var found = Directory.EnumerateFiles(Path.Combine(Root, "cards"), "*.json")
            .SelectMany(file => banned.Where(b => File.ReadAllText(file).Contains(b.Banned, StringComparison.Ordinal))
                .Select(b => $"{Path.GetFileName(file)}: 「{b.Banned}」 → 「{b.Use}」"))
            .ToList();

        Assert.True(found.Count == 0, "cards use variants docs/glossary.md bans:\n" + string.Join("\n", found));
    }

    [Fact]
    public void AVariantInJapaneseText_IsFound()
    {
        // The check itself: a text with a banned variant is caught (so the test above cannot pass by reading nothing).
        var banned = NotToUse();
        const string text = "チャンネルで「登録」と送って下さい。期間は2027年4月1日～2028年3月31日です。";

        var hits = banned.Where(b => text.Contains(b.Banned, StringComparison.Ordinal)).Select(b => b.Banned).ToList();

        Assert.Equal(["下さい", "チャンネル", "～"], hits);
    }
}
