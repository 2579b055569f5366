using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Loads the knowledge folder when the host starts and reloads it when a <c>.md</c>, <c>.yaml</c>, <c>.docx</c> or <c>.pdf</c> file in it is
/// added, changed, renamed or removed. Editors save in bursts (temp file, rename, touch), so changes are debounced:
/// the reload runs <see cref="Debounce"/> after the last event, well inside the 2 s the office expects.
/// </summary>
public sealed class KnowledgeFolderWatcher : IHostedService, IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly KnowledgeBase _knowledge;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeFolderWatcher> _logger;
    private readonly Lock _timerLock = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _timer;

    public KnowledgeFolderWatcher(KnowledgeBase knowledge, TimeProvider time, ILogger<KnowledgeFolderWatcher>? logger = null)
    {
        _knowledge = knowledge;
        _time = time;
        _logger = logger ?? NullLogger<KnowledgeFolderWatcher>.Instance;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _knowledge.Reload();
        if (!Directory.Exists(_knowledge.Folder))
        {
            return Task.CompletedTask;
        }

        _watcher = new FileSystemWatcher(_knowledge.Folder)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnRename;
        _watcher.Error += OnError;
        _watcher.EnableRaisingEvents = true;
        _logger.LogInformation("Watching {Folder} for knowledge changes", _knowledge.Folder);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        lock (_timerLock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private static bool IsKnowledgeFile(string? path) =>
        Path.GetExtension(path ?? "").ToLowerInvariant() is ".md" or ".yaml" or ".yml" or ".tsv"
        || Documents.KnowledgeDocuments.IsDocument(path);

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (IsKnowledgeFile(e.Name))
        {
            ScheduleReload();
        }
    }

    private void OnRename(object sender, RenamedEventArgs e)
    {
        if (IsKnowledgeFile(e.Name) || IsKnowledgeFile(e.OldName))
        {
            ScheduleReload();
        }
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        // Typically an overflowed event buffer: some changes were lost, so read everything again.
        _logger.LogWarning(e.GetException(), "Knowledge folder watcher error; reloading everything");
        ScheduleReload();
    }

    private void ScheduleReload()
    {
        lock (_timerLock)
        {
            _timer ??= _time.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReloadNow()
    {
        try
        {
            _knowledge.Reload();
        }
        catch (Exception ex)
        {
            // A timer callback must not throw; the next change (or the next start) tries again.
            _logger.LogError(ex, "Reloading the knowledge folder failed; the previous index stays in use");
        }
    }
}
