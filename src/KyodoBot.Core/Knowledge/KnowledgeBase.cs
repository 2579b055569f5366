using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Holds the current <see cref="KnowledgeIndex"/> of the knowledge folder. <see cref="Reload"/> builds a new index
/// off to the side and swaps the reference atomically; readers keep the snapshot they started with. The first reader
/// loads the folder if nobody has yet (the CLI has no hosted service); the host loads it at start through
/// <see cref="KnowledgeFolderWatcher"/>, which also reloads on every change.
/// </summary>
public sealed class KnowledgeBase : IKnowledgeBase
{
    private readonly Lock _reloadLock = new();
    private readonly ILogger<KnowledgeBase> _logger;
    private readonly Documents.DocumentCache _documents;
    private readonly PhrasingFeatureCache _phrasings;
    private KnowledgeIndex? _current;
    private long _version;

    /// <param name="documents">Keeps the sections of unchanged Word/PDF files between reloads (a new cache when null).</param>
    /// <param name="phrasings">Keeps the phrasings' features between reloads, and in a file between processes when it has a
    /// folder (a new cache in memory only when null).</param>
    public KnowledgeBase(string folder, ILogger<KnowledgeBase>? logger = null, Documents.DocumentCache? documents = null, PhrasingFeatureCache? phrasings = null)
    {
        Folder = folder;
        _logger = logger ?? NullLogger<KnowledgeBase>.Instance;
        _documents = documents ?? new Documents.DocumentCache();
        _phrasings = phrasings ?? new PhrasingFeatureCache();
    }

    /// <summary>The phrasings' feature cache: where its file is, and what the last build read from it.</summary>
    public PhrasingFeatureCache PhrasingFeatures => _phrasings;

    public string Folder { get; }

    /// <summary>Goes up by one with every load; a test or a probe can wait for it to change.</summary>
    public long Version => Interlocked.Read(ref _version);

    public TimeSpan LastLoadDuration { get; private set; }

    public KnowledgeIndex Current => Volatile.Read(ref _current) ?? LoadOnce();

    /// <summary>The files and lines skipped by the current index (empty when everything loaded).</summary>
    public IReadOnlyList<KnowledgeLoadError> Errors => Current.Errors;

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public int SectionCount => Volatile.Read(ref _current)?.Sections.Count ?? 0;

    public KnowledgeSection? Find(string sectionId) => Current.Find(sectionId)?.Section;

    public IReadOnlyList<ScoredPassage> Search(string question, int top) =>
        KnowledgeAnswerer.Search(Current, question, top);

    public IReadOnlyList<SectionRef> Nearest(string question, int top) => KnowledgeAnswerer.Nearest(Current, question, top);

    public IReadOnlyList<ScoredPassage> All(string question)
    {
        var index = Current;
        var ranked = KnowledgeAnswerer.Search(index, question, index.Sections.Count);
        var seen = ranked.Select(p => p.Section.Id).ToHashSet(StringComparer.Ordinal);
        return [.. ranked, .. index.Sections
            .Where(s => !seen.Contains(s.Section.Id))
            .Select(s => new ScoredPassage(s.Section, AnswerComposer.PassageText(s), 0))];
    }

    /// <summary>Reads and indexes the folder now, then swaps the new index in. Never throws for bad files.</summary>
    public KnowledgeIndex Reload()
    {
        lock (_reloadLock)
        {
            return Load();
        }
    }

    private KnowledgeIndex LoadOnce()
    {
        lock (_reloadLock)
        {
            return Volatile.Read(ref _current) ?? Load();
        }
    }

    /// <summary>Call under the lock only: builds, swaps in, and reports.</summary>
    private KnowledgeIndex Load()
    {
        var stopwatch = Stopwatch.StartNew();
        var index = KnowledgeIndex.Build(Folder, _documents, _phrasings);
        stopwatch.Stop();
        LastLoadDuration = stopwatch.Elapsed;

        if (!Directory.Exists(Folder))
        {
            _logger.LogWarning("Knowledge folder {Folder} does not exist: the bot has no knowledge to answer from", Folder);
        }

        foreach (var error in index.Errors)
        {
            _logger.LogError("Knowledge file {File} line {Line}: {Problem}", error.File, error.Line, error.Message);
        }

        _logger.LogInformation("Knowledge loaded: {Sections} sections from {Folder} in {Elapsed} ms ({Errors} problems; phrasings: {Cached} cached, {Analysed} analysed)",
            index.Sections.Count, Folder, (int)stopwatch.Elapsed.TotalMilliseconds, index.Errors.Count, _phrasings.LastBuild.Cached, _phrasings.LastBuild.Analysed);

        // The story reading (~120 ms) and the phrasing classifier (~330 ms) are built after the index is served, off the
        // request path; a question that needs them before then waits for them (ADR 0072, 0073).
        _ = Task.Run(() => (index.Phrasings.Bayes, index.Phrasings.Logistic));

        // Swap in last, so that whoever sees the new version also sees what was logged about it.
        Volatile.Write(ref _current, index);
        Interlocked.Increment(ref _version);
        return index;
    }
}
