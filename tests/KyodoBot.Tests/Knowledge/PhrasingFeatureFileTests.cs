using KyodoBot.Core.Knowledge;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The phrasings' features kept in a file between processes (docs/decisions/0080-phrasing-features-on-disk.md): the
/// next process's first build reads them instead of analysing, answers exactly as if it had analysed them, and a file it
/// cannot use (damaged, another vocabulary, an unwritable folder) costs time, never an answer.
/// </summary>
public sealed class PhrasingFeatureFileTests : IDisposable
{
    private readonly TempKnowledgeFolder _cache = new(copyRealKnowledge: false);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task TheNextProcess_ReadsEveryPhrasingFromTheFile_AndAnswersExactlyAsAnalysed()
    {
        var first = new PhrasingFeatureCache(_cache.Path);
        var analysed = KnowledgeIndex.Build(KnowledgePaths.Folder, phrasings: first);
        await first.LastWrite;
        Assert.Equal(0, first.LastBuild.Cached);
        Assert.Single(Directory.EnumerateFiles(_cache.Path, "phrasing-features-*.bin"));

        var next = new PhrasingFeatureCache(_cache.Path); // a new process: nothing in memory
        var read = KnowledgeIndex.Build(KnowledgePaths.Folder, phrasings: next);

        Assert.Equal((analysed.Phrasings.Count, 0), next.LastBuild);
        var kept = PhrasingFeatureFile.Read(_cache.Path, PhrasingFeatureCache.Signature(KnowledgePaths.Folder))!;
        Assert.All(analysed.Phrasings.Entries, e => Assert.Equal(PhrasingIndex.Features(analysed, e.Text), kept[e.Text])); // exact, not rounded
        var questions = File.ReadLines(Path.Combine(KnowledgePaths.Content.Root, "tests", "KyodoBot.Tests", "Knowledge", "realistic-r33-dev.jsonl"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("q").GetString()!);
        foreach (var question in questions)
        {
            var (a, b) = (PhrasingMatcherTests.Ask(analysed, question), PhrasingMatcherTests.Ask(read, question));
            Assert.Equal((a.Answered, a.Confidence, string.Join(',', a.Citations.Select(c => c.Id))), (b.Answered, b.Confidence, string.Join(',', b.Citations.Select(c => c.Id))));
        }
    }

    [Fact]
    public async Task ADamagedFile_IsAnalysedAgain_AndWrittenAnew()
    {
        var signature = PhrasingFeatureCache.Signature(KnowledgePaths.Folder);
        var path = PhrasingFeatureFile.PathFor(_cache.Path, signature);
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        var cache = new PhrasingFeatureCache(_cache.Path);

        var index = KnowledgeIndex.Build(KnowledgePaths.Folder, phrasings: cache);
        await cache.LastWrite;

        Assert.Equal((0, index.Phrasings.Count), cache.LastBuild);
        Assert.Equal(index.Phrasings.Count, PhrasingFeatureFile.Read(_cache.Path, signature)!.Count);
    }

    [Fact]
    public void AFileCutShort_IsNoFile()
    {
        var features = new Dictionary<string, Dictionary<string, double>> { ["a"] = new() { ["g:a"] = 0.5, ["c:b"] = 1 } };
        PhrasingFeatureFile.Write(_cache.Path, "s1", features);
        var path = PhrasingFeatureFile.PathFor(_cache.Path, "s1");
        Assert.Equal(0.5, PhrasingFeatureFile.Read(_cache.Path, "s1")!["a"]["g:a"]);

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^4]);

        Assert.Null(PhrasingFeatureFile.Read(_cache.Path, "s1"));
    }

    [Fact]
    public void AFileOfAnotherSignature_IsNotRead_AndIsRemovedByTheNextWrite()
    {
        var features = new Dictionary<string, Dictionary<string, double>> { ["a"] = new() { ["g:a"] = 1 } };
        PhrasingFeatureFile.Write(_cache.Path, "old", features);
        File.Copy(PhrasingFeatureFile.PathFor(_cache.Path, "old"), PhrasingFeatureFile.PathFor(_cache.Path, "new"));

        Assert.Null(PhrasingFeatureFile.Read(_cache.Path, "new")); // the file says which signature it was written for

        PhrasingFeatureFile.Write(_cache.Path, "new", features);
        Assert.Equal([PhrasingFeatureFile.PathFor(_cache.Path, "new")], Directory.EnumerateFiles(_cache.Path));
    }

    [Fact]
    public void TheSignature_FollowsTheVocabularysContent_NotItsTimesOrTheNegatives()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write("_synonyms.yaml", "協働:\n  - 共働\n");
        folder.Write(NotInManual.FileName, "learned\t来週の会議室おさえといて\n");
        var before = PhrasingFeatureCache.Signature(folder.Path);

        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "_synonyms.yaml"), DateTime.UtcNow.AddHours(1));
        folder.Write(NotInManual.FileName, "learned\t来週の会議室おさえといて\nlearned\t駐車場はどこ？\n");
        Assert.Equal(before, PhrasingFeatureCache.Signature(folder.Path));

        folder.Write("_synonyms.yaml", "協働:\n  - 共働\n  - 協同\n");
        Assert.NotEqual(before, PhrasingFeatureCache.Signature(folder.Path));
    }

    [Fact]
    public async Task AFolderThatCannotBeWritten_CostsTimeNotAnAnswer()
    {
        var blocked = Path.Combine(_cache.Write("a-file", "not a folder"), "cache"); // a folder under a file
        var logger = new ListLogger<PhrasingFeatureCache>();
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write("mini.md", PhrasingMatcherTests.Manual);
        folder.Write("mini.md.questions.yaml", "purpose:\n  - 一緒にやる前に決めとくことってある？\n");
        var cache = new PhrasingFeatureCache(blocked, logger);

        var index = KnowledgeIndex.Build(folder.Path, phrasings: cache);
        await cache.LastWrite;

        Assert.Equal("purpose", PhrasingMatcherTests.Ask(index, "NPOさんと一緒にやる前に決めとくことってある？").Citations.Single().Id);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(blocked, StringComparison.Ordinal));
    }
}
