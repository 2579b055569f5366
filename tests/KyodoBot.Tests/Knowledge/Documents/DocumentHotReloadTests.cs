using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>
/// A Word or PDF file dropped into (or removed from) the watched folder is live without a restart, like Markdown; the
/// real folder watcher and clock. Each wait is until the change shows, with a 30 s deadline that only catches a reload
/// that never comes (how fast one comes is measured, not asserted: README, about 0.2 s); under load a write's two
/// events can be further apart than the debounce, so the first reload may read the file half-written.
/// </summary>
public sealed class DocumentHotReloadTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private const string Question = "庁舎見学ツアーの申込はどこで？";

    private readonly TempKnowledgeFolder _folder = new(copyRealKnowledge: true);
    private readonly KnowledgeBase _knowledge;
    private readonly KnowledgeFolderWatcher _watcher;
    private readonly KnowledgeAnswerer _answerer;

    public DocumentHotReloadTests()
    {
        _knowledge = new KnowledgeBase(_folder.Path);
        _watcher = new KnowledgeFolderWatcher(_knowledge, TimeProvider.System);
        _answerer = new KnowledgeAnswerer(_knowledge);
    }

    public Task InitializeAsync() => _watcher.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _watcher.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _watcher.Dispose();
        _folder.Dispose();
    }

    private void ChangeAndWait(Action change, Func<bool> shown)
    {
        var before = _knowledge.Version;
        change();
        Assert.True(SpinWait.SpinUntil(() => _knowledge.Version > before && shown(), Within), $"the change was not shown within {Within.TotalSeconds} s");
    }

    [Fact]
    public void PdfDroppedIn_IsAnsweredFrom_WithDocumentAndPageInTheCitation_AndGoneWhenRemoved()
    {
        Assert.False(_answerer.Ask(Question, Language.Japanese).Answered);
        var pdf = new PdfFixture(japanese: true).Page().Text("はじめに", 16, 72, 780).Text("この手引きの使い方です。", 11, 72, 750)
            .Page().Bookmark("庁舎見学ツアーの申込").Text("庁舎見学ツアーの申込", 16, 72, 780).Text("庁舎見学ツアーは総務課の窓口で申し込みます。", 11, 72, 750)
            .Build();
        var path = Path.Combine(_folder.Path, "庁舎案内.pdf");

        ChangeAndWait(() => File.WriteAllBytes(path, pdf), () => _answerer.Ask(Question, Language.Japanese).Answered);

        var answer = _answerer.Ask(Question, Language.Japanese);
        Assert.True(answer.Answered);
        Assert.Contains("総務課", answer.Text, StringComparison.Ordinal);
        Assert.Equal("庁舎見学ツアーの申込（庁舎案内.pdf 2ページ）", answer.Citations[0].Title);
        Assert.Equal("庁舎見学ツアーは総務課の窓口で申し込みます。", answer.Citations[0].SectionText);

        ChangeAndWait(() => File.Delete(path), () => !_answerer.Ask(Question, Language.Japanese).Answered);
        Assert.False(_answerer.Ask(Question, Language.Japanese).Answered);
    }

    [Fact]
    public void WordLockFile_IsNotADocument_ADamagedDocx_IsSkippedAndNamed()
    {
        ChangeAndWait(
            () => File.WriteAllBytes(Path.Combine(_folder.Path, "broken.docx"), "not a zip"u8.ToArray()),
            () => _knowledge.Errors.Any(e => e.File == "broken.docx"));
        File.WriteAllBytes(Path.Combine(_folder.Path, "~$broken.docx"), [0, 1, 2]);
        _knowledge.Reload();

        var error = Assert.Single(_knowledge.Errors, e => e.File.EndsWith(".docx", StringComparison.Ordinal));
        Assert.Equal("broken.docx", error.File);
        Assert.Contains("not a readable Word (.docx) file", error.Message, StringComparison.Ordinal);
        Assert.True(_answerer.Ask("公開の原則とは", Language.Japanese).Answered);
    }
}
