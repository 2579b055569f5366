using System.Collections.Concurrent;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Tests.Knowledge;

/// <summary>Where the knowledge folder and the question sets live, from the repository root.</summary>
internal static class KnowledgePaths
{
    public static ContentPaths Content { get; } = ContentPaths.Resolve(null, AppContext.BaseDirectory);

    public static string Folder => Content.Knowledge;

    /// <summary>CI keeps the shared folder beside the clone: <c>../shared</c>.</summary>
    public static string DevSet => Path.GetFullPath(Path.Combine(Content.Root, "..", "shared", "eval", "qa-dev.jsonl"));

    public static string HeldOutSet => Path.Combine(Content.Root, "tests", "KyodoBot.Tests", "Knowledge", "heldout-questions.jsonl");
}

/// <summary>The real knowledge folder, loaded once per test class.</summary>
public sealed class KnowledgeFixture
{
    public KnowledgeFixture()
    {
        Knowledge = new KnowledgeBase(KnowledgePaths.Folder);
        Knowledge.Reload();
        Answerer = new KnowledgeAnswerer(Knowledge);
    }

    public KnowledgeBase Knowledge { get; }
    public KnowledgeAnswerer Answerer { get; }

    /// <summary>Asks as a staff member's message is asked: in the language it is written in (Japanese when unclear).</summary>
    public Answer Ask(string question) => Answerer.Ask(question, LanguageResolver.Resolve(question, Language.Japanese));
}

/// <summary>A logger that keeps what was logged, for asserting on it.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception)));
}

/// <summary>A throw-away folder for knowledge files, optionally seeded with a copy of the real knowledge folder.</summary>
internal sealed class TempKnowledgeFolder : IDisposable
{
    public TempKnowledgeFolder(bool copyRealKnowledge)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kyodobot-knowledge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (copyRealKnowledge)
        {
            foreach (var file in Directory.EnumerateFiles(KnowledgePaths.Folder))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the OS cleans temp folders anyway.
        }
    }
}
