using KyodoBot.Core.Conversations;

namespace KyodoBot.Tests.Dialogs;

public sealed class DialogTextsTests
{
    [Fact]
    public void EveryDialogText_ExistsInJapaneseAndEnglish()
    {
        var japanese = DialogTestSupport.Texts.Keys(Language.Japanese).Where(k => k.StartsWith("dialog.", StringComparison.Ordinal)).Order().ToList();
        var english = DialogTestSupport.Texts.Keys(Language.English).Where(k => k.StartsWith("dialog.", StringComparison.Ordinal)).Order().ToList();

        Assert.NotEmpty(japanese);
        Assert.Equal(japanese, english);
    }

    [Fact]
    public void EveryDialogKeyUsedInTheEngine_Exists()
    {
        var source = Path.Combine(DialogTestSupport.Content.Root, "src", "KyodoBot.Core", "Dialogs");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"((?:error|hint|button|summary|status|edit|skip|cancel|submit|back|help|prompt|notice|required|ref|principle|form|question)\\.[A-Za-z.]+|start|resume|finished|ack|yes|no|listSeparator)\""))
            .Select(m => "dialog." + m.Groups[1].Value)
            .Distinct()
            .ToList();
        var keys = DialogTestSupport.Texts.Keys(Language.Japanese).ToHashSet();

        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.Contains(key, keys));
    }
}
