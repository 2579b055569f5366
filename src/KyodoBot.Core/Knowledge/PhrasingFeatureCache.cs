using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Keeps each phrasing's analysed features between reloads of the knowledge folder (one per <see cref="KnowledgeBase"/>,
/// like <see cref="Documents.DocumentCache"/>): saving a Markdown file re-analyses only new phrasings. Features depend
/// only on the text, the vocabulary and the code, so the cache starts over whenever a vocabulary file or the code changes
/// (<see cref="Signature"/>). With a <paramref name="folder"/> the features are also kept in a file there
/// (<see cref="PhrasingFeatureFile"/>), so that the first build of the next process reads them instead of analysing
/// several thousand phrasings (docs/decisions/0080-phrasing-features-on-disk.md).
/// </summary>
/// <param name="folder">Where the features are kept between processes; null keeps them in memory only.</param>
public sealed class PhrasingFeatureCache(string? folder = null, ILogger? logger = null)
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private string _signature = "";
    private Dictionary<string, Dictionary<string, double>> _features = new(StringComparer.Ordinal);

    /// <summary>The folder of the features' file (null: memory only).</summary>
    public string? Folder { get; } = folder;

    /// <summary>The last build's phrasings: how many were read from the cache (memory or file) and how many analysed.</summary>
    public (int Cached, int Analysed) LastBuild { get; private set; }

    /// <summary>The file the last build read or wrote the features from or to (null without a folder or before a build).</summary>
    public string? LastFile => Folder is null || _signature.Length == 0 ? null : PhrasingFeatureFile.PathFor(Folder, _signature);

    /// <summary>The file write started by the last build that analysed anything (a completed task otherwise): tests and the CLI wait for it.</summary>
    public Task LastWrite { get; private set; } = Task.CompletedTask;

    internal IReadOnlyList<Dictionary<string, double>> Features(string signature, IReadOnlyList<IndexedPhrasing> phrasings, Func<string, Dictionary<string, double>> analyse)
    {
        lock (_lock)
        {
            var known = signature == _signature ? _features
                : (Folder is null ? null : ReadFile(signature)) ?? new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            var analysed = 0;
            var features = phrasings.AsParallel().AsOrdered()
                .Select(p =>
                {
                    if (known.TryGetValue(p.Text, out var cached))
                    {
                        return cached;
                    }

                    Interlocked.Increment(ref analysed);
                    return analyse(p.Text);
                })
                .ToList();
            var next = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            for (var i = 0; i < phrasings.Count; i++)
            {
                next.TryAdd(phrasings[i].Text, features[i]);
            }

            (_signature, _features) = (signature, next);
            LastBuild = (phrasings.Count - analysed, analysed);
            if (Folder is { } target && analysed > 0)
            {
                // Written off the build's path: the index is served meanwhile, and the next process reads the file.
                LastWrite = Task.Run(() => WriteFile(target, signature, next));
            }

            return features;
        }
    }

    private Dictionary<string, Dictionary<string, double>>? ReadFile(string signature)
    {
        var read = PhrasingFeatureFile.Read(Folder!, signature);
        _logger.LogDebug("Phrasing features file for {Signature} in {Folder}: {Found}", signature, Folder, read is null ? "none" : $"{read.Count} phrasings");
        return read;
    }

    private void WriteFile(string target, string signature, Dictionary<string, Dictionary<string, double>> features)
    {
        try
        {
            PhrasingFeatureFile.Write(target, signature, features);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A read-only disk costs the next process's build time, not an answer.
            _logger.LogWarning("Cannot keep the phrasing features in {Folder} ({Problem}); the next start analyses them again", target, ex.Message);
        }
    }

    /// <summary>
    /// What the features are computed from besides the phrasings' own text: the code (the module version of this
    /// assembly: every build of changed code differs) and every vocabulary file of the folder (the files starting with
    /// <c>_</c>, by content; the questions the manual does not answer are phrasings, keyed by their text). A hex SHA-256.
    /// </summary>
    public static string Signature(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(typeof(PhrasingFeatureCache).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        IEnumerable<string> files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "_*")
                .Where(f => Path.GetFileName(f) != NotInManual.FileName)
                .Order(StringComparer.Ordinal)
            : [];
        foreach (var file in files)
        {
            try
            {
                var content = File.ReadAllBytes(file);
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0" + content.Length + "\0"));
                hash.AppendData(content);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0unreadable\0"));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
