using System.Threading.Channels;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The folder watcher against a real temp folder and the real clock. Each wait is for the signal that a reload which
/// started after the change began has finished and shows the change, with a deadline; never a sleep or a spin. The
/// deadline only catches a reload that never comes: how fast one comes is measured, not asserted (README: about
/// 0.2 s). On a loaded machine a write can raise two events further apart than the debounce, so the first reload may
/// read the file half-written; the wait goes on to the next one.
/// </summary>
public sealed class HotReloadTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private const string TourFile = """
        ---
        id: tour
        title: "庁舎見学"
        chapter: "付録"
        source: "テスト用"
        ---

        # 付録 庁舎見学ツアーの申込 {#tour-booking}

        庁舎見学ツアーは総務課の窓口で申し込みます。
        """;

    private readonly TempKnowledgeFolder _folder = new(copyRealKnowledge: true);
    private readonly ListLogger<KnowledgeBase> _log = new();
    private readonly ReloadSignal _reloads = new();
    private readonly KnowledgeBase _knowledge;
    private readonly KnowledgeFolderWatcher _watcher;
    private readonly KnowledgeAnswerer _answerer;

    public HotReloadTests()
    {
        _knowledge = new KnowledgeBase(_folder.Path, _log);
        _watcher = new KnowledgeFolderWatcher(_knowledge, _reloads);
        _answerer = new KnowledgeAnswerer(_knowledge);
    }

    public Task InitializeAsync() => _watcher.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _watcher.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _watcher.Dispose();
        _folder.Dispose();
    }

    private async Task ChangeAndWaitAsync(Action change, Func<bool> shown)
    {
        var before = _knowledge.Version;
        var started = _reloads.Started;
        change();
        using var deadline = new CancellationTokenSource(Within);
        while (!(_knowledge.Version > before && shown()))
        {
            started = await _reloads.NextFinishedAfterAsync(started, deadline.Token)
                ?? throw new Xunit.Sdk.XunitException($"the change was not shown within {Within.TotalSeconds} s");
        }
    }

    [Fact]
    public void Start_LoadsTheFolder()
    {
        Assert.True(_knowledge.IsLoaded);
        Assert.NotNull(_knowledge.Find("principle-1"));
    }

    [Fact]
    public async Task AddedFile_IsAnsweredWithoutRestart_EditedFileChanges_RemovedFileIsGone()
    {
        const string question = "庁舎見学ツアーの申込はどこで？";
        Assert.False(_answerer.Ask(question, Language.Japanese).Answered);

        var path = "";
        await ChangeAndWaitAsync(() => path = _folder.Write("tour.md", TourFile), () => _knowledge.Find("tour-booking") is not null);
        var answer = _answerer.Ask(question, Language.Japanese);
        Assert.True(answer.Answered);
        Assert.Equal("tour-booking", answer.Citations[0].Id);
        Assert.Contains("総務課", answer.Text, StringComparison.Ordinal);

        await ChangeAndWaitAsync(
            () => File.WriteAllText(path, TourFile.Replace("総務課", "広報課", StringComparison.Ordinal)),
            () => _knowledge.Find("tour-booking")?.Body.Contains("広報課", StringComparison.Ordinal) == true);
        Assert.Contains("広報課", _answerer.Ask(question, Language.Japanese).Text, StringComparison.Ordinal);

        await ChangeAndWaitAsync(() => File.Delete(path), () => _knowledge.Find("tour-booking") is null);
        Assert.Null(_knowledge.Find("tour-booking"));
        Assert.False(_answerer.Ask(question, Language.Japanese).Answered);
        Assert.NotNull(_knowledge.Find("principle-1"));
    }

    [Fact]
    public async Task BrokenFile_IsLoggedWithNameAndLine_AndTheRestOfTheIndexStays()
    {
        var sections = _knowledge.SectionCount;

        await ChangeAndWaitAsync(() => _folder.Write("broken.md", TourFile + "\n## 見出しだけ\n"), () => _knowledge.Errors.Count > 0);

        Assert.Equal(sections, _knowledge.SectionCount);
        Assert.Null(_knowledge.Find("tour-booking"));
        var error = Assert.Single(_knowledge.Errors);
        Assert.Equal(("broken.md", 11), (error.File, error.Line));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error
            && e.Message.Contains("broken.md", StringComparison.Ordinal) && e.Message.Contains("line 11", StringComparison.Ordinal));
        Assert.True(_answerer.Ask("公開の原則とは", Language.Japanese).Answered);
    }

    [Fact]
    public async Task VocabularyEdit_IsPickedUp()
    {
        // The unknown word alone: with a second word the phrasings know (優先度) the question is answered without it.
        const string question = "オキテガキとは？";
        Assert.False(_answerer.Ask(question, Language.Japanese).Answered);

        await ChangeAndWaitAsync(() => File.AppendAllText(Path.Combine(_folder.Path, KnowledgeVocabulary.SynonymsFile),
            "  - canonical: 約束ごと\n    variants: [オキテガキ]\n"), () => _answerer.Ask(question, Language.Japanese).Answered);

        Assert.Equal("principles-intro", _answerer.Ask(question, Language.Japanese).Citations.Single().Id);
    }

    /// <summary>
    /// The real clock, whose timers (the watcher's debounced reload is one) report each run when it has finished: the
    /// number of runs started before it, so that a wait can skip a reload that began before the change it waits for.
    /// </summary>
    private sealed class ReloadSignal : TimeProvider
    {
        private readonly Channel<long> _finished = Channel.CreateUnbounded<long>();
        private long _started;

        public long Started => Interlocked.Read(ref _started);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(s =>
            {
                var run = Interlocked.Increment(ref _started);
                try
                {
                    callback(s);
                }
                finally
                {
                    _finished.Writer.TryWrite(run);
                }
            }, state, dueTime, period);

        /// <summary>The number of the next run started after <paramref name="started"/> once it has finished; null at the deadline.</summary>
        public async Task<long?> NextFinishedAfterAsync(long started, CancellationToken deadline)
        {
            try
            {
                long run;
                while ((run = await _finished.Reader.ReadAsync(deadline)) <= started)
                {
                }

                return run;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }
}
