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
    /// <summary>The side file (or <c>_not-in-manual.tsv</c>) cannot be extended as it is: an editor must fix it first.</summary>
    FileInvalid,
    /// <summary>Not in the manual? The question is an alternate phrasing of a section (the two would contradict).</summary>
    IsPhrasing,
}

/// <summary>
/// The learning loop's writer, both ways. A question the manual answers in other words becomes an alternate phrasing of
/// its section, in the side file beside the section's file (<c>principles.md.questions.yaml</c>, or a Word/PDF file's
/// <c>協働指針.pdf.questions.yaml</c>), where the phrasing matcher compares questions with it one by one, like the
/// writers' phrasings. A question the manual does not answer becomes a line of <c>knowledge/_not-in-manual.tsv</c>
/// (labelled <c>learned</c>), the matcher's "none" class. Either change is plain text an editor can review, diff and
/// revert; the file is replaced atomically (written beside it, then renamed) and the index reloaded at once; the folder
/// watcher sees the same change and reloads again, which is harmless. Adding what is already there changes nothing.
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

            // A Markdown section by its id (as the writers' side files); a document's by the key its side file already
            // uses for it, else its heading, which an editor recognises in the Word/PDF file.
            var section = entry.Section;
            string[] keys = section.Document is null ? [section.Id, section.Title] : [section.Title, section.Id];
            try
            {
                await Documents.DocumentPhrasings.AddAsync(Path.Combine(knowledge.Folder, section.FileName), keys, phrasing, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                _logger.LogWarning(ex, "Could not add an alternate phrasing to section {Section}", sectionId);
                return PhrasingOutcome.FileInvalid;
            }

            knowledge.Reload();
            _logger.LogInformation("Added an alternate phrasing to section {Section} in {File}", sectionId, Documents.DocumentPhrasings.PathFor(section.FileName));
            return PhrasingOutcome.Added;
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>The label of the lines the learning loop adds to <c>_not-in-manual.tsv</c>.</summary>
    public const string NotInManualLabel = "learned";

    /// <summary>
    /// Adds the question (its question sentence, as <see cref="Clean"/>) to <c>knowledge/_not-in-manual.tsv</c> as
    /// <c>learned&lt;TAB&gt;question</c> and reloads the index. A question already there (same normalised text) adds
    /// nothing; one that is an alternate phrasing of a section is refused (<see cref="PhrasingOutcome.IsPhrasing"/>).
    /// </summary>
    public async Task<PhrasingOutcome> AddNotInManualAsync(string question, CancellationToken cancellationToken)
    {
        if (Clean(question) is not { } sentence)
        {
            return PhrasingOutcome.Invalid;
        }

        await _write.WaitAsync(cancellationToken);
        try
        {
            // Spacing aside (a question typed with or without spaces is the same question).
            static string KeyOf(string text) => Whitespace().Replace(TextNormalizer.Key(text), "");
            var key = KeyOf(sentence);
            if (knowledge.Current.Sections.Any(s => s.Section.AllQuestions.Any(q => KeyOf(q) == key)))
            {
                return PhrasingOutcome.IsPhrasing;
            }

            var path = Path.Combine(knowledge.Folder, NotInManual.FileName);
            var text = File.Exists(path)
                ? await File.ReadAllTextAsync(path, cancellationToken)
                : "# Questions and requests the manual does NOT answer: the phrasing matcher's \"none\" class. One a line; the\n"
                  + "# question is the last tab-separated field (labels before it). Add freely; 未回答一覧 adds \"learned\" lines.\n";
            if (NotInManual.Parse(text.Split('\n')).Any(q => KeyOf(q) == key))
            {
                return PhrasingOutcome.AlreadyThere;
            }

            var newline = KnowledgeTextFile.NewlineOf(text);
            await KnowledgeTextFile.ReplaceAsync(path, KnowledgeTextFile.EndingInNewline(text, newline) + NotInManualLabel + "\t" + sentence + newline, cancellationToken);
            knowledge.Reload();
            _logger.LogInformation("Added a question the manual does not answer to {File}", NotInManual.FileName);
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
