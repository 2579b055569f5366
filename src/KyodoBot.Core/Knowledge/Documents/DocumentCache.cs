using System.Collections.Concurrent;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// The sections of each Word/PDF file as last read, keyed by full path and checked against the file's length and
/// last-write time (and those of its phrasings side file): a reload after a <c>.md</c> save re-reads only what
/// changed, not a 200-page PDF that did not. A failed read is not cached (the next reload tries again). Entries for
/// files that are gone are dropped at the end of each folder build (<see cref="Retain"/>).
/// </summary>
public sealed class DocumentCache(Func<string, DocumentSectionsResult>? load = null)
{
    private readonly Func<string, DocumentSectionsResult> _load = load ?? KnowledgeDocuments.Load;
    private readonly ConcurrentDictionary<string, (Stamp Stamp, DocumentSectionsResult Result)> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The cached sections when the file and its side file are unchanged, else a fresh read (then cached).</summary>
    public DocumentSectionsResult Load(string path)
    {
        var full = Path.GetFullPath(path);
        var stamp = Stamp.Of(full);
        if (_entries.TryGetValue(full, out var entry) && entry.Stamp == stamp)
        {
            return entry.Result;
        }

        var result = _load(full);
        _entries[full] = (stamp, result);
        return result;
    }

    /// <summary>Forgets every file not in <paramref name="paths"/> (deleted or renamed documents).</summary>
    public void Retain(IEnumerable<string> paths)
    {
        var keep = paths.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _entries.Keys.Where(k => !keep.Contains(k)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private readonly record struct Stamp(long Length, DateTime Written, long SideLength, DateTime SideWritten)
    {
        public static Stamp Of(string path)
        {
            var file = new FileInfo(path);
            var side = new FileInfo(DocumentPhrasings.PathFor(path));
            return new Stamp(file.Length, file.LastWriteTimeUtc, side.Exists ? side.Length : -1, side.Exists ? side.LastWriteTimeUtc : default);
        }
    }
}
