using System.Text;

namespace KyodoBot.Core.Knowledge;

public enum RunKind
{
    /// <summary>Kanji and katakana: indexed as overlapping bigrams (a single character stays a unigram).</summary>
    Cjk,

    /// <summary>Latin letters and digits: indexed as whole words.</summary>
    Latin,
}

/// <summary>A maximal stretch of one script: the unit a "concept" of a question is made of.</summary>
public readonly record struct TermRun(string Text, RunKind Kind);

/// <summary>A text as the index sees it: its canonical form and the set of its terms.</summary>
public sealed class AnalyzedText
{
    public static AnalyzedText Empty { get; } = new("", []);

    public AnalyzedText(string text, IReadOnlyList<string> tokenList)
    {
        Text = text;
        TokenList = tokenList;
        Tokens = tokenList.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Normalised, lower-cased, synonyms replaced by their canonical term.</summary>
    public string Text { get; }

    /// <summary>The terms in order, repeats kept (term frequency for BM25).</summary>
    public IReadOnlyList<string> TokenList { get; }

    public IReadOnlySet<string> Tokens { get; }
}

/// <summary>
/// The analyzer chain shared by the index and the questions, so both sides always agree:
/// <see cref="Text.TextNormalizer.Key"/> (NFKC, width, case) → synonyms to canonical terms → runs of one script →
/// terms. Hiragana is a separator: in Japanese it carries particles, endings and question words (は, を, ですか,
/// どのくらい), while the content words a question shares with the manual are written in kanji and katakana.
/// Kanji/katakana runs become CJK bigrams (the approach of Lucene's CJKAnalyzer), Latin runs whole words.
/// </summary>
public static class TermAnalyzer
{
    public static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
            or >= '\u3400' and <= '\u4DBF' // extension A
            or >= '\uF900' and <= '\uFAFF' // compatibility ideographs
            or '\u3005' or '\u3006' // 々 〆
            or >= '\u30A1' and <= '\u30FA' // katakana (without the middle dot ・)
            or >= '\u30FC' and <= '\u30FE'; // ー ヽ ヾ

    public static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';

    public static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>
    /// Replaces every synonym variant by its canonical term (a paraphrase is kept and followed by it, see
    /// <see cref="KnowledgeVocabulary.Paraphrases"/>), longest match first, scanning left to right. Short keys
    /// must sit on a word boundary so that 市 (→ 市役所) leaves 市民 alone and PR leaves "program" alone: a Latin key
    /// needs non-Latin neighbours, a 1–2 character CJK key must start a run, a 1-character one must be the whole run.
    /// </summary>
    public static string Canonicalize(string key, KnowledgeVocabulary vocabulary)
    {
        if (vocabulary.Synonyms.Count == 0 || key.Length == 0)
        {
            return key;
        }

        StringBuilder? builder = null;
        var copied = 0;
        var i = 0;
        while (i < key.Length)
        {
            var advanced = false;
            foreach (var length in vocabulary.SynonymLengthsStartingWith(key[i]))
            {
                if (i + length > key.Length
                    || !vocabulary.TryGetCanonical(key.AsSpan(i, length), out var canonical)
                    || !OnBoundary(key, i, length))
                {
                    continue;
                }

                if (vocabulary.Paraphrases.Contains(key.Substring(i, length)))
                {
                    // A paraphrase keeps its words; the manual's word follows, apart, so that no bigram spans the two.
                    builder ??= new StringBuilder(key.Length + 16);
                    builder.Append(key, copied, i + length - copied).Append(' ').Append(canonical).Append(' ');
                    copied = i + length;
                }
                else if (!key.AsSpan(i, length).SequenceEqual(canonical))
                {
                    builder ??= new StringBuilder(key.Length + 16);
                    builder.Append(key, copied, i - copied).Append(canonical);
                    copied = i + length;
                }

                i += length;
                advanced = true;
                break;
            }

            if (!advanced)
            {
                i++;
            }
        }

        return builder is null ? key : builder.Append(key, copied, key.Length - copied).ToString();
    }

    private static bool OnBoundary(string text, int start, int length)
    {
        var first = text[start];
        var last = text[start + length - 1];
        var before = start > 0 ? text[start - 1] : ' ';
        var after = start + length < text.Length ? text[start + length] : ' ';
        if (IsLatin(first) && IsLatin(before))
        {
            return false;
        }

        if (IsLatin(last) && IsLatin(after))
        {
            return false;
        }

        if (IsCjk(first) && length <= 2 && IsCjk(before))
        {
            return false;
        }

        return !(length == 1 && IsCjk(first) && IsCjk(after));
    }

    /// <summary>The runs of kanji/katakana and of Latin letters/digits; everything else separates them.</summary>
    public static List<TermRun> Runs(string text)
    {
        var runs = new List<TermRun>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var kind = IsCjk(c) ? RunKind.Cjk : IsLatin(c) ? RunKind.Latin : (RunKind?)null;
            if (kind is null)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (kind == RunKind.Cjk ? IsCjk(text[i]) : IsLatin(text[i])))
            {
                i++;
            }

            runs.Add(new TermRun(kind == RunKind.Latin ? text[start..i].ToLowerInvariant() : text[start..i], kind.Value));
        }

        return runs;
    }

    /// <summary>The index terms of one run: bigrams of a CJK run (a lone character as itself), a Latin run whole.</summary>
    public static IEnumerable<string> Terms(TermRun run)
    {
        if (run.Kind == RunKind.Latin)
        {
            yield return run.Text;
            var stem = EnglishStem(run.Text);
            if (stem != run.Text)
            {
                yield return stem;
            }

            yield break;
        }

        if (run.Text.Length == 1)
        {
            yield return run.Text;
            yield break;
        }

        for (var i = 0; i + 1 < run.Text.Length; i++)
        {
            yield return run.Text.Substring(i, 2);
        }
    }

    /// <summary>
    /// A crude English stem, the same for a word's common inflections (deal, dealing; decide, decided; difference,
    /// differences), so a question matches an alternate phrasing written with another inflection. Both the indexed
    /// text and the question carry it beside the word itself; it is never shown.
    /// </summary>
    public static string EnglishStem(string word)
    {
        const int MinStem = 3;
        var stem = word;
        if (stem.Length <= MinStem || !stem.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        if (stem.EndsWith("ies", StringComparison.Ordinal) && stem.Length > MinStem + 2)
        {
            stem = stem[..^3] + "y";
        }
        else if (stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal) && !stem.EndsWith("us", StringComparison.Ordinal) && !stem.EndsWith("is", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }

        if (stem.EndsWith("ing", StringComparison.Ordinal) && stem.Length - 3 >= MinStem)
        {
            stem = stem[..^3];
        }
        else if (stem.EndsWith("ed", StringComparison.Ordinal) && stem.Length - 2 >= MinStem)
        {
            stem = stem[..^2];
        }

        if (stem.Length > MinStem && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o'))
        {
            stem = stem[..^1]; // running → run, planned → plan
        }

        if (stem.Length > MinStem && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }

        return stem;
    }

    public static IEnumerable<string> LatinWords(string text) =>
        Runs(text).Where(r => r.Kind == RunKind.Latin).Select(r => r.Text);

    /// <summary>Analyses text that is already normalised with <see cref="Text.TextNormalizer.Key"/>.</summary>
    public static AnalyzedText Analyze(string key, KnowledgeVocabulary vocabulary)
    {
        var canonical = Canonicalize(key, vocabulary);
        var tokens = new List<string>();
        foreach (var run in Runs(canonical))
        {
            tokens.AddRange(Terms(run));
        }

        return new AnalyzedText(canonical, tokens);
    }
}
