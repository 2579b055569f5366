using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>
/// The learning loop's writes into files editors also write by hand: a side file <c>*.questions.yaml</c> keeps its
/// comments, entries, quoting and order; <c>_not-in-manual.tsv</c> gets one <c>learned</c> line, once.
/// </summary>
public sealed class SideFileWriterTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = new(copyRealKnowledge: false);

    public void Dispose() => _folder.Dispose();

    private string Source => Path.Combine(_folder.Path, "guide.md");

    private string Side => DocumentPhrasings.PathFor(Source);

    [Fact]
    public async Task Add_ToAnExistingList_InsertsAfterItsLastItem_KeepingCommentsAndTheOtherEntries()
    {
        const string before = """
            # Written by hand: keep me.
            a-1:
              - "最初の質問"   # a trailing note
              - 二つ目: plain

            # the second section
            a-2:
                -   'ひとつ'
            """;
        File.WriteAllText(Side, before + "\n");

        await DocumentPhrasings.AddAsync(Source, ["a-1"], "新しい \"質問\" \\ です", CancellationToken.None);
        await DocumentPhrasings.AddAsync(Source, ["a-2"], "もうひとつ", CancellationToken.None);

        Assert.Equal("""
            # Written by hand: keep me.
            a-1:
              - "最初の質問"   # a trailing note
              - 二つ目: plain
              - "新しい \"質問\" \\ です"

            # the second section
            a-2:
                -   'ひとつ'
                -   "もうひとつ"
            """ + "\n", File.ReadAllText(Side));
    }

    [Fact]
    public async Task Add_UnderAKeyTheFileLacks_AppendsAnEntry_AndAMissingFileIsCreated()
    {
        await DocumentPhrasings.AddAsync(Source, ["a-1", "見出し"], "いつ？", CancellationToken.None);
        var created = File.ReadAllText(Side);
        Assert.StartsWith("# ", created, StringComparison.Ordinal);
        Assert.EndsWith("\n\"a-1\":\n  - \"いつ？\"\n", created, StringComparison.Ordinal);

        File.WriteAllText(Side, "見出し:\r\n  - \"前から\"\r\n");
        await DocumentPhrasings.AddAsync(Source, ["a-1", "見出し"], "誰が？", CancellationToken.None); // the key the file uses wins
        await DocumentPhrasings.AddAsync(Source, ["a-2"], "どこで？", CancellationToken.None);

        Assert.Equal("見出し:\r\n  - \"前から\"\r\n  - \"誰が？\"\r\n\r\n\"a-2\":\r\n  - \"どこで？\"\r\n", File.ReadAllText(Side));
    }

    [Theory]
    [InlineData("a-1: \"一つだけ\"\n", "a-1: [\"一つだけ\", \"追加\"]\n")]
    [InlineData("a-1: [x, y] # flow\n", "a-1: [\"x\", \"y\", \"追加\"] # flow\n")]
    [InlineData("a-1:\nb: [z]\n", "a-1: [\"追加\"]\nb: [z]\n")]
    public async Task Add_ToASingleQuestionAFlowListOrAnEmptyEntry_MakesAFlowList(string before, string after)
    {
        File.WriteAllText(Side, before);

        await DocumentPhrasings.AddAsync(Source, ["a-1"], "追加", CancellationToken.None);

        Assert.Equal(after, File.ReadAllText(Side));
    }

    [Fact]
    public async Task Add_ToAnInvalidSideFile_RefusesAndLeavesItAsItIs()
    {
        const string broken = "a-1:\n  - \"閉じていない\n  - x\n";
        File.WriteAllText(Side, broken);

        await Assert.ThrowsAsync<InvalidDataException>(() => DocumentPhrasings.AddAsync(Source, ["a-1"], "追加", CancellationToken.None));

        Assert.Equal(broken, File.ReadAllText(Side));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Writer_OnASideFileThatIsNotYaml_SaysSo_AndTheMarkdownSectionStillAnswersAsBefore()
    {
        _folder.Write("guide.md", "---\nid: g\ntitle: \"G\"\n---\n# 評価の時期 {#g-1}\n\n評価は年に一度行います。\n");
        File.WriteAllText(Side, "g-1: [\n");
        var phrasings = new KnowledgePhrasings(new KnowledgeBase(_folder.Path));

        Assert.Equal(PhrasingOutcome.FileInvalid, await phrasings.AddAsync("g-1", "ふりかえりはいつ？", CancellationToken.None));
        Assert.Equal("g-1: [\n", File.ReadAllText(Side));
    }

    [Fact]
    public async Task NotInManual_AppendsOneLearnedLine_Once_KeepsTheFile_AndRefusesAPhrasing()
    {
        _folder.Write("guide.md", "---\nid: g\ntitle: \"G\"\n---\n# 評価の時期 {#g-1}\n<!-- question: 評価はいつやる？ -->\n\n評価は年に一度行います。\n");
        var original = "# comment\nnear\tcasual\t補助金の上限っていくら？"; // no newline at the end
        _folder.Write(NotInManual.FileName, original);
        var knowledge = new KnowledgeBase(_folder.Path);
        var phrasings = new KnowledgePhrasings(knowledge);

        Assert.Equal(PhrasingOutcome.Added, await phrasings.AddNotInManualAsync("上司に聞かれました。補助金の\t締切は いつ？", CancellationToken.None));
        Assert.Equal(PhrasingOutcome.AlreadyThere, await phrasings.AddNotInManualAsync("補助金の締切は いつ?", CancellationToken.None));
        Assert.Equal(PhrasingOutcome.AlreadyThere, await phrasings.AddNotInManualAsync("補助金の上限っていくら？", CancellationToken.None));
        Assert.Equal(PhrasingOutcome.IsPhrasing, await phrasings.AddNotInManualAsync("評価はいつやる？", CancellationToken.None));
        Assert.Equal(PhrasingOutcome.Invalid, await phrasings.AddNotInManualAsync("？？", CancellationToken.None));

        Assert.Equal(original + "\nlearned\t補助金の 締切は いつ?\n", File.ReadAllText(Path.Combine(_folder.Path, NotInManual.FileName)));
        Assert.Empty(knowledge.Errors);
    }
}
