using System.Text.RegularExpressions;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KyodoBot.Core.Knowledge;

public enum PhrasingOutcome
{
    Added,
    AlreadyThere,
    UnknownSection,
    Invalid,
}

/// <summary>
/// The learning loop's writer: adds a question as an alternate phrasing of a section, as a line
/// <c>&lt;!-- question: … --&gt;</c> under the section's heading in its knowledge file, so that the change is plain
/// text an editor can review, diff and revert. The file is replaced atomically (written beside it, then renamed) and
/// the index reloaded at once; the folder watcher sees the same change and reloads again, which is harmless.
/// </summary>
public sealed partial class KnowledgePhrasings(KnowledgeBase knowledge, ILogger<KnowledgePhrasings>? logger = null)
{
    public const int MaxLength = 200;

    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly ILogger<KnowledgePhrasings> _logger = logger ?? NullLogger<KnowledgePhrasings>.Instance;

    /// <summary>
    /// The phrasing to store for what a user typed: the question sentence of a long message (its context sentences
    /// would only add noise), on one line, without comment markers, at most <see cref="MaxLength"/> characters; null
    /// when nothing is left.
    /// </summary>
    public static string? Clean(string? question)
    {
        var sentence = QuestionAnalyzer.QuestionSentence(question ?? "");
        var text = Whitespace().Replace(CommentMarker().Replace(sentence, " "), " ").Trim();
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength].TrimEnd();
        }

        return text.Any(char.IsLetterOrDigit) ? text : null;
    }

    public async Task<PhrasingOutcome> AddAsync(string sectionId, string question, CancellationToken cancellationToken)
    {
        if (Clean(question) is not { } phrasing)
        {
            return PhrasingOutcome.Invalid;
        }

        await _write.WaitAsync(cancellationToken);
        try
        {
            if (knowledge.Current.Find(sectionId) is not { } entry)
            {
                return PhrasingOutcome.UnknownSection;
            }

            var key = TextNormalizer.Key(phrasing);
            if (entry.Section.AllQuestions.Any(q => TextNormalizer.Key(q) == key))
            {
                return PhrasingOutcome.AlreadyThere;
            }

            var path = Path.Combine(knowledge.Folder, entry.Section.FileName);
            if (entry.Section.Document is not null)
            {
                // A Word or PDF file has no place for comments: its phrasings live in the side file.
                await Documents.DocumentPhrasings.AddAsync(path, entry.Section.Title, phrasing, cancellationToken);
                knowledge.Reload();
                _logger.LogInformation("Added an alternate phrasing to section {Section} in {File}", sectionId, Documents.DocumentPhrasings.PathFor(entry.Section.FileName));
                return PhrasingOutcome.Added;
            }

            var lines = (await File.ReadAllTextAsync(path, cancellationToken)).Split('\n').ToList();
            var heading = lines.FindIndex(l => l.TrimEnd('\r').TrimEnd().EndsWith("{#" + sectionId + "}", StringComparison.Ordinal));
            if (heading < 0)
            {
                return PhrasingOutcome.UnknownSection; // changed on disk since the last load
            }

            // After the heading's own comment lines (related, earlier phrasings), before the text.
            var at = heading + 1;
            while (at < lines.Count && lines[at].TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            {
                at++;
            }

            var newline = lines[heading].EndsWith('\r') ? "\r" : "";
            lines.Insert(at, $"<!-- question: {phrasing} -->{newline}");
            var temporary = Path.Combine(knowledge.Folder, $".{entry.Section.FileName}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temporary, string.Join('\n', lines), cancellationToken);
            File.Move(temporary, path, overwrite: true);
            knowledge.Reload();
            _logger.LogInformation("Added an alternate phrasing to section {Section} in {File}", sectionId, entry.Section.FileName);
            return PhrasingOutcome.Added;
        }
        finally
        {
            _write.Release();
        }
    }

    [GeneratedRegex(@"<!--|-->|--")]
    private static partial Regex CommentMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
