using System.Collections.Frozen;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>A section with everything the answerer reads from it, analysed once when the index is built.</summary>
public sealed class IndexedSection
{
    internal IndexedSection(KnowledgeSection section, int ordinal)
    {
        Section = section;
        Ordinal = ordinal;
    }

    public KnowledgeSection Section { get; }

    /// <summary>Position in file order (files by name, sections as written).</summary>
    public int Ordinal { get; }

    public IndexedSection? Parent { get; internal set; }
    public IReadOnlyList<IndexedSection> Children { get; internal set; } = [];

    /// <summary>The heading alone.</summary>
    public AnalyzedText OwnTitle { get; internal set; } = AnalyzedText.Empty;

    /// <summary>The heading and the headings above it: the section's full name.</summary>
    public AnalyzedText HeadingPath { get; internal set; } = AnalyzedText.Empty;

    /// <summary>Heading, the headings above it, and the body: what a section answer covers.</summary>
    public AnalyzedText Full { get; internal set; } = AnalyzedText.Empty;

    /// <summary><see cref="Full"/> plus the children's headings: what a group answer (a list of its parts) covers.</summary>
    public AnalyzedText Group { get; internal set; } = AnalyzedText.Empty;

    public IReadOnlyList<BodyUnit> Units { get; internal set; } = [];

    /// <summary>The words of the English title (<see cref="KnowledgeSection.EnglishTitle"/>) and their stems, lower case.</summary>
    public IReadOnlySet<string> EnglishTitleWords { get; internal set; } = new HashSet<string>();

    /// <summary>The content words of the heading (no numbers, no lone characters), each as its terms.</summary>
    public IReadOnlyList<string[]> TitleWords { get; internal set; } = [];

    /// <summary>True when the body is essentially a (nested) list.</summary>
    public bool IsList { get; internal set; }

    /// <summary>
    /// True for a list that repeats what other sections say (the overview tables): most of its items appear word for
    /// word elsewhere. Such a section is the right answer for "list them all", a weaker one for a how/what question.
    /// </summary>
    public bool IsSummary { get; internal set; }

    /// <summary>A heading with sub-sections and no text of its own: it stands only for its parts.</summary>
    public bool IsContainer => Children.Count > 0 && Units.Count == 0;

    public IEnumerable<IndexedSection> Siblings =>
        Parent is null ? [] : Parent.Children.Where(c => !ReferenceEquals(c, this));

    /// <summary>The sections above this one, nearest first.</summary>
    public IEnumerable<IndexedSection> Ancestors
    {
        get
        {
            for (var a = Parent; a is not null; a = a.Parent)
            {
                yield return a;
            }
        }
    }

    /// <summary>True when this section is <paramref name="ancestor"/> or one of its parts, at any depth.</summary>
    public bool IsWithin(IndexedSection ancestor) => ReferenceEquals(this, ancestor) || Ancestors.Contains(ancestor);

    public SectionRef Ref => new(Section.Id, Section.Title);
}

/// <summary>
/// A section's rank for one question. <see cref="Coverage"/> (share) and <see cref="Matched"/> (weight) are over
/// <see cref="IndexedSection.Full"/>; <see cref="Bm25"/> is normalised to the best hit.
/// </summary>
public sealed record RankedSection(IndexedSection Entry, double Score, double Coverage, double Matched, double TitleCoverage, double Bm25);

/// <summary>
/// One immutable snapshot of the knowledge folder: the sections, their analysed texts and a BM25 index over them.
/// Built off to the side and swapped in whole by <see cref="KnowledgeBase"/>.
/// </summary>
public sealed class KnowledgeIndex
{
    private const int MaxQueryTerms = 256;
    private const double FormBonus = 0.1;

    /// <summary>A compound's head that no section holds (会計ソフト → ソフト) weighs this much more than another missing word.</summary>
    private const double UnknownHeadFactor = 2.0;

    /// <summary>A common verb, adjective or adverb that no section holds (困る, 全然) weighs this share of a missing noun.</summary>
    private const double UnknownPredicateFactor = 0.25;

    /// <summary>How much the context sentences of a long message count in the ranking (the question sentence: 1).</summary>
    private const double ContextWeight = 0.15;

    private readonly FrozenDictionary<string, IndexedSection> _byId;
    private readonly Bm25Index _bm25;

    private KnowledgeIndex(IReadOnlyList<IndexedSection> sections, KnowledgeVocabulary vocabulary, IReadOnlyList<KnowledgeLoadError> errors, Bm25Index bm25)
    {
        Sections = sections;
        Vocabulary = vocabulary;
        Errors = errors;
        _byId = sections.ToFrozenDictionary(s => s.Section.Id, StringComparer.Ordinal);
        _bm25 = bm25;
        _tokens = sections.SelectMany(s => s.Full.Tokens).ToFrozenSet(StringComparer.Ordinal);
        _sectionsWithTerm = sections
            .SelectMany(s => s.Full.Tokens.Select(t => (Term: t, s.Ordinal)))
            .GroupBy(p => p.Term, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Ordinal).ToArray(), StringComparer.Ordinal);
        _sectionsWithCharacter = sections
            .SelectMany(s => s.Full.Text.Distinct().Select(c => (Character: c, s.Ordinal)))
            .GroupBy(p => p.Character)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Ordinal).ToArray());
        _runs = sections
            .SelectMany(s => TermAnalyzer.Runs(s.Full.Text))
            .Where(r => r.Kind == RunKind.Cjk && r.Text.Length >= MinHomophoneLength)
            .Select(r => r.Text)
            .ToFrozenSet(StringComparer.Ordinal);
        _words = _runs
            .Where(w => w.Length <= MaxTypoLength)
            .GroupBy(w => w.Length)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The manual's kanji/katakana words (runs of two or more characters): where a joined word may be cut.</summary>
    private readonly FrozenSet<string> _runs;

    /// <summary>Words (kanji/katakana runs) of this length range are checked for a one-character typo.</summary>
    private const int MinTypoLength = 3;

    /// <summary>A two-character word is read as the manual's only when the kanji that differs has the same sound.</summary>
    private const int MinHomophoneLength = 2;
    private const int MaxTypoLength = 8;

    private readonly FrozenSet<string> _tokens;

    /// <summary>Which sections' <see cref="IndexedSection.Full"/> hold a term / a character (ordinals, ascending).</summary>
    private readonly FrozenDictionary<string, int[]> _sectionsWithTerm;
    private readonly FrozenDictionary<char, int[]> _sectionsWithCharacter;
    private readonly FrozenDictionary<int, string[]> _words;

    /// <summary>
    /// The question as this index reads it: <see cref="QuestionAnalyzer.Analyze"/> with the vocabulary for questions
    /// (<see cref="KnowledgeVocabulary.ForQuestions"/>; the phrasings are read with the plain one), then a word of three or more
    /// kanji/katakana that the manual does not contain but that is one character away from exactly one word of the
    /// manual (「時現性」, 「行動企範」, 「相互理会」) also matches that word. A two-character word does only when the kanji
    /// that differs sounds the same (対当 → 対等, 協動 → 協働: a wrong conversion of the input method); too many
    /// two-character words are one character apart otherwise. A word whose differing kanji all sound the same does too
    /// (共同 → 協働; <see cref="Typo"/>), and a typo the synonym map would cut into is written as the manual's word first
    /// (<see cref="Retyped"/>); its keigo is read in plain form (<see cref="Keigo.Plain"/>; the phrasings are read as written).
    /// </summary>
    public Question Analyze(string? text) => OneNamed(Read(QuestionAnalyzer.Analyze(AsAsked(text), Vocabulary.ForQuestions)));

    /// <summary>
    /// A sentence of a long message as the phrasing matcher compares it (<see cref="Analyze"/> without
    /// <see cref="OneNamed"/>, from <see cref="QuestionAnalyzer.AnalyzeWords"/>): its concepts and text only, so what it
    /// asks for and the parts it names, which only the whole message's answer uses, are not read in each of up to
    /// <see cref="PhrasingIndex.MaxSentences"/> sentences (ADR 0053-answer-cost).
    /// </summary>
    internal Question AnalyzeSentence(string? text) => Read(QuestionAnalyzer.AnalyzeWords(AsAsked(text), Vocabulary.ForQuestions));

    /// <summary>A staff member's text as the analyser reads it: typos retyped as the manual's words, keigo in plain form.</summary>
    private string? AsAsked(string? text) => Keigo.Plain(Retyped(text));

    /// <summary>The analyser's reading with this index's corrections: joined words cut, typos matched, a vague question sentence read with its situation.</summary>
    private Question Read(Question analysed)
    {
        var question = Joined(analysed);
        List<Concept>? corrected = null;
        for (var i = 0; i < question.Concepts.Count; i++)
        {
            var concept = question.Concepts[i];
            if (concept.Forms.Count != 1 || concept.Forms[0].Terms.Count == 0 || concept.Key.Length < MinHomophoneLength
                || concept.Key.Length > MaxTypoLength || !TermAnalyzer.IsCjk(concept.Key[0])
                || concept.Forms[0].Terms.All(_tokens.Contains)
                || !_words.TryGetValue(concept.Key.Length, out var candidates))
            {
                continue;
            }

            if (Typo(concept.Key, candidates) is { } near)
            {
                corrected ??= [.. question.Concepts];
                corrected[i] = concept with
                {
                    Forms = [.. concept.Forms, new ConceptForm([.. TermAnalyzer.Terms(new TermRun(near, RunKind.Cjk))], null)],
                };
            }
        }

        return Vague(corrected is null ? question : question with { Concepts = corrected });
    }

    /// <summary>
    /// The manual's word a word of the question that the manual lacks was meant to be, or null: the only word of the
    /// manual of the same length that differs from it in one character (three characters or more: 時現性, 行動企範), or
    /// in kanji that each have the same main on-reading as the manual's (対当 → 対等, 共同 → 協働, 共同推進上 → 協働推進上:
    /// the input method's wrong conversion of a word typed by its sound).
    /// </summary>
    private string? Typo(string key, string[] candidates)
    {
        // One character apart decides first, as before; several kanji of the same sound only when no word is one apart.
        // Loops, not LINQ: this runs for each word the manual lacks in every sentence read.
        string? oneApart = null;
        var oneApartCount = 0;
        string? oneApartSameSound = null;
        var oneApartSameSoundCount = 0;
        string? sameSound = null;
        var sameSoundCount = 0;
        foreach (var word in candidates)
        {
            var differences = Differences(key, word);
            if (differences == 1 && (key.Length >= MinTypoLength || Homophone(key, word)))
            {
                oneApart = word;
                oneApartCount++;
                if (Homophone(key, word))
                {
                    oneApartSameSound = word;
                    oneApartSameSoundCount++;
                }
            }
            else if (differences > 1 && oneApartCount == 0 && sameSoundCount < 2 && Homophone(key, word))
            {
                sameSound = word;
                sameSoundCount++;
            }
        }

        // Several words one character apart (自主制: 自主性 and 自主的) leave the one whose differing kanji sounds the same,
        // as the input method's wrong conversion of a word typed by its sound gives (制 for 性, both セイ; ADR 0059).
        return oneApartCount switch
        {
            1 => oneApart,
            > 1 => oneApartSameSoundCount == 1 ? oneApartSameSound : null,
            _ => sameSoundCount == 1 ? sameSound : null,
        };
    }

    /// <summary>
    /// The text with each kanji word that <see cref="Typo"/> reads as a word of the manual and that the synonym map
    /// would cut into written as the manual's word: 「役割文担」 would otherwise lose its start to the synonym 役割
    /// (→ 役割分担) and be read as 「役割分担文担」, which is no word and names nothing. Other typos keep what was typed
    /// beside the manual's word (<see cref="Analyze"/>) (ADR 0050-named-sections).
    /// </summary>
    private string? Retyped(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // The kanji/katakana runs of the text as TermAnalyzer.Runs cuts them, scanned in place: a string is made only for
        // a run of two to eight kanji that the manual lacks, not for every run of every sentence of a long message.
        var written = text;
        var manualRuns = _runs.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < written.Length)
        {
            var start = i;
            while (i < written.Length && TermAnalyzer.IsCjk(written[i]))
            {
                i++;
            }

            var run = written.AsSpan(start, i - start);
            i = Math.Max(i, start + 1);
            // Kanji only: a katakana word the manual lacks is more often a loan word of its own (ルール is not ツール).
            if (run.Length is < MinHomophoneLength or > MaxTypoLength || !AllKanji(run)
                || manualRuns.Contains(run))
            {
                continue;
            }

            var word = run.ToString();
            if (TermAnalyzer.Canonicalize(word, Vocabulary) != word
                // A word the synonym map knows whole is a word, not a typo (特徴 → 長所, not the manual's 特長).
                && !Vocabulary.TryGetCanonical(word, out _)
                && !TermAnalyzer.Terms(new TermRun(word, RunKind.Cjk)).All(_tokens.Contains) && _words.TryGetValue(word.Length, out var candidates)
                && Typo(word, candidates) is { } typed)
            {
                text = text.Replace(word, typed, StringComparison.Ordinal);
            }
            else if (DroppedParticle(run, i < written.Length ? written[i] : '\0', manualRuns))
            {
                text = text.Replace(word, $"{word[..^1]}を{word[^1]}", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// True for a kanji run that is a word of the manual followed by the stem of a verb whose ending comes next in
    /// hiragana, the object particle dropped as casual Japanese drops it: 「公金出すとき」 is 公金を出す, 「税金使ってる」 is
    /// 税金を使わない. Read whole, the run is a word no section holds (公金出) and the manual's word in it names nothing
    /// (ADR 0059). Only before a verb ending that no particle or suffix of a noun starts with: not the particles
    /// and the copula (自主制の, 自主的に, 必要だ), nor って, くらい, さん, まで, たち (会議室って is no 会議を室).
    /// </summary>
    private static bool DroppedParticle(ReadOnlySpan<char> run, char next, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> manualRuns) =>
        run.Length >= MinTypoLength && VerbEndingStart.Contains(next) && manualRuns.Contains(run[..^1]);

    /// <summary>Hiragana that start a verb's ending after its kanji stem (出す, 出し, 出せ, 使う, 使わ, 使い, 決め, 入れ, 付け …).</summary>
    private const string VerbEndingStart = "すしせそうわいえめれけきみ";

    /// <summary>
    /// The part the question names (<see cref="NamedParts"/>) is what it asks about. A list cue beside it is not a
    /// list question: 「対等の原則ざっくり教えて」, 「情報の不足の課題、まとめて教えて」, "Give me an overview of the
    /// role-sharing principle" ask for that part in brief, not for the list it belongs to (ADR 0044-broad-list-questions).
    /// Two things named as often (「目的共有と相互理解を一覧で」), two parts of one group named by different words, or none
    /// (「協働の原則を全部」) leave a list question.
    /// </summary>
    private Question OneNamed(Question question)
    {
        var parts = NamedParts(question, englishTitles: true);
        if (parts.Count == 0)
        {
            return question;
        }

        // The list cue is dropped by a heading's own words only: an English title's words are plainer ("Bring together
        // what each does best") and beside a list cue more often say what the list is about than name one part.
        question = question with { NamedParts = parts };
        return question.AsksForList && NamedParts(question, englishTitles: false).Count > 0
            ? question with { AsksForList = false, ListCueOfOnePart = true }
            : question;
    }

    /// <summary>
    /// The parts (sections without parts of their own) the question names, as ordinals; empty when it names none or
    /// more than one thing. A part is named by a whole word of the question sentence — not a framing word such as 原則 —
    /// that its heading holds and fewer than half of its siblings' headings hold (<see cref="NamingWords"/>). The parts
    /// named by the most such words count when they are all named by the same words: one thing is named (公開 names
    /// principle 6 and the note on public money; the ranking chooses between them). Two parts of one group named by
    /// different words (「職員の意識と組織の連携の両面」) name the group, not a part (ADR 0050-named-sections).
    /// </summary>
    private List<int> NamedParts(Question question, bool englishTitles)
    {
        if (HeadingsHolding(question, englishTitles) is not { } headings)
        {
            return [];
        }

        var best = 0;
        string? names = null;
        var one = false;
        Dictionary<IndexedSection, string>? named = null;
        List<(int Ordinal, string Key)>? keys = null;
        foreach (var entry in Sections)
        {
            if (entry.Parent is null || entry.Children.Count > 0)
            {
                continue;
            }

            // Within a group a word tells a part from its siblings though a few more headings hold it: in 「役所の意識と
            // 体制、両方」 体制 (in four headings) sets 協働推進体制の不十分さ apart from 協働を推進する意識の低さ. A word in
            // more than a quarter of the headings (協働, 課題) tells nothing apart.
            if (NamingWords(entry, headings, maxHeadings: Sections.Count / 4) is { } apart)
            {
                var apartKey = string.Join('|', apart);
                named ??= [];
                if (named.TryGetValue(entry.Parent, out var sibling) && sibling != apartKey)
                {
                    return [];
                }

                named.TryAdd(entry.Parent, apartKey);
            }

            if (NamingWords(entry, headings, MaxNamingHeadings) is not { } words)
            {
                continue;
            }

            var key = string.Join('|', words);
            (keys ??= []).Add((entry.Ordinal, key));
            if (words.Count > best)
            {
                (best, names, one) = (words.Count, key, true);
            }
            else if (words.Count == best && key != names)
            {
                one = false;
            }
        }

        return one && keys is not null ? [.. keys.Where(k => k.Key == names).Select(k => k.Ordinal)] : [];
    }

    /// <summary>
    /// How many headings may hold a word for it to name a part: 公開 (principle 6 and the note on public money), 交流 and
    /// 発信 name; 課題, 取り組み and 情報, which stand in the headings of whole chapters or of several groups, do not
    /// (with no bound, 課題 named the overview table of challenges: folds exact 684 → 680).
    /// </summary>
    private const int MaxNamingHeadings = 3;

    /// <summary>
    /// The question's words (indices) that the section's heading holds, fewer than half of its siblings' headings hold,
    /// and at most <paramref name="maxHeadings"/> headings of the manual hold; null when there is none.
    /// </summary>
    private static List<int>? NamingWords(IndexedSection entry, HeadingMatches headings, int maxHeadings)
    {
        List<int>? words = null;
        for (var i = 0; i < headings.Holds.Length; i++)
        {
            if (headings.Holds[i] is not { } holds || !holds[entry.Ordinal] || headings.Count[i] > maxHeadings)
            {
                continue;
            }

            var siblings = 0;
            var holdingSiblings = 0;
            foreach (var sibling in entry.Parent!.Children)
            {
                if (!ReferenceEquals(sibling, entry))
                {
                    siblings++;
                    holdingSiblings += holds[sibling.Ordinal] ? 1 : 0;
                }
            }

            if (holdingSiblings >= siblings / 2.0)
            {
                continue;
            }

            (words ??= []).Add(i);
        }

        return words;
    }

    /// <summary>
    /// For each word of the question that may name a heading (a whole word, not a context or framing word), which
    /// sections' headings hold it (by ordinal; null for the other words and for a word no heading holds), and how many
    /// headings hold it. Computed once per question, not once per section and word (<see cref="NamingWords"/>); null
    /// when no heading holds any word, the usual case, which names no part.
    /// </summary>
    private HeadingMatches? HeadingsHolding(Question question, bool englishTitles)
    {
        var english = englishTitles && question.IsEnglish;
        bool[]?[]? headings = null;
        int[]? counts = null;
        for (var i = 0; i < question.Concepts.Count; i++)
        {
            var concept = question.Concepts[i];
            if (concept.Context || concept.Weight < 1 || QuestionAnalyzer.IsFramingWord(concept.Key))
            {
                continue;
            }

            var titleWords = english ? EnglishTitleWords(concept) : null;
            bool[]? holds = null;
            var count = 0;
            foreach (var section in Sections)
            {
                if (InTitle(concept, titleWords, section))
                {
                    (holds ??= new bool[Sections.Count])[section.Ordinal] = true;
                    count++;
                }
            }

            if (holds is not null)
            {
                (headings ??= new bool[]?[question.Concepts.Count])[i] = holds;
                (counts ??= new int[question.Concepts.Count])[i] = count;
            }
        }

        return headings is null ? null : new HeadingMatches(headings, counts!);
    }

    /// <summary>Which headings hold each word of a question (<see cref="HeadingsHolding"/>).</summary>
    private sealed record HeadingMatches(bool[]?[] Holds, int[] Count);

    /// <summary>
    /// True when the section's heading holds the concept whole, or, for an English word the glossary does not translate,
    /// the section's English title holds every word of it (as typed or as its stem; <paramref name="englishWords"/>):
    /// "running their organizations" names 団体活動上の課題, whose English title is "Challenges in running a group's
    /// activities". A word the glossary translates names through its Japanese (ADR 0050-named-sections).
    /// </summary>
    private static bool InTitle(Concept concept, (string Word, string Stem)[]? englishWords, IndexedSection section)
    {
        if (concept.MatchIn(section.OwnTitle) >= 0.999)
        {
            return true;
        }

        if (englishWords is null || section.EnglishTitleWords.Count == 0)
        {
            return false;
        }

        foreach (var (word, stem) in englishWords)
        {
            if (!section.EnglishTitleWords.Contains(word) && !section.EnglishTitleWords.Contains(stem))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The words (with their stems) of an English concept the glossary does not translate, which name a part through
    /// its English title (<see cref="InTitle"/>); null for any other concept. Once per concept, not per section.
    /// </summary>
    private static (string Word, string Stem)[]? EnglishTitleWords(Concept concept) =>
        concept.Key.All(c => c is ' ' || char.IsAsciiLetterOrDigit(c))
        && !concept.Forms.Any(f => f.SingleCharacter is not null || f.Terms.Any(t => !t.All(char.IsAscii)))
        && concept.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words
            ? [.. words.Select(w => (w, TermAnalyzer.EnglishStem(w)))]
            : null;

    /// <summary>
    /// A word the manual does not hold that is two of its words written without the particle between them
    /// (時限性原則 for 時限性の原則, 認識不足 for 認識の不足, 協働原則): two concepts, as if の were typed. Otherwise the
    /// joined word is one concept whose bigram across the seam no section holds, so it never matches a title whole and
    /// the question about one principle climbs to the list of seven (ADR 0042-paraphrase-named-sections). Cut only
    /// where both sides are words of the manual (runs of two or more characters) and in exactly one place.
    /// </summary>
    private Question Joined(Question question)
    {
        List<Concept>? split = null;
        for (var i = 0; i < question.Concepts.Count; i++)
        {
            var concept = question.Concepts[i];
            if (Suffixed(concept) is { } stem)
            {
                // 提案型, まちづくり系: the manual's word with a suffix that only says "of that kind" is that word.
                split ??= [.. question.Concepts.Take(i)];
                if (split.All(c => c.Key != stem))
                {
                    split.Add(concept with { Key = stem, Forms = [new ConceptForm([.. TermAnalyzer.Terms(new TermRun(stem, RunKind.Cjk))], null)] });
                }

                continue;
            }

            if (Cut(concept) is not { } cut)
            {
                split?.Add(concept);
                continue;
            }

            split ??= [.. question.Concepts.Take(i)];
            foreach (var (part, head) in new[] { (concept.Key[..cut], false), (concept.Key[cut..], true) })
            {
                if (split.All(c => c.Key != part))
                {
                    split.Add(concept with
                    {
                        Key = part,
                        Forms = [new ConceptForm([.. TermAnalyzer.Terms(new TermRun(part, RunKind.Cjk))], null)],
                        Head = head,
                    });
                }
            }
        }

        return split is null ? question : question with { Concepts = split };
    }

    /// <summary>
    /// The manual's word a word the manual lacks is made of with a suffix that says "of that kind, for that use"
    /// (提案型 → 提案, 福祉系 → 福祉, 職員向 → 職員; <see cref="KindSuffixes"/>), or null; not when the word is a typo of
    /// one of the manual's (ADR 0059).
    /// </summary>
    private string? Suffixed(Concept concept)
    {
        var key = concept.Key;
        if (concept.Forms.Count != 1 || key.Length < MinTypoLength || key.Length > MaxTypoLength || !KindSuffixes.Contains(key[^1])
            || !key.All(TermAnalyzer.IsCjk) || _runs.Contains(key) || !_runs.Contains(key[..^1])
            || (_words.TryGetValue(key.Length, out var candidates) && Typo(key, candidates) is not null))
        {
            return null;
        }

        return key[..^1];
    }

    /// <summary>Suffixes of a kind or use: 型 (type), 系 (line), 式 (style), 向 (aimed at; 向け's stem), 別 (by).</summary>
    private const string KindSuffixes = "型系式向別";

    /// <summary>Where a joined word (<see cref="Joined"/>) is cut, or null.</summary>
    private int? Cut(Concept concept)
    {
        var key = concept.Key;
        if (concept.Forms.Count != 1 || key.Length < 4 || concept.Forms[0].Terms.Count == 0
            || !key.All(TermAnalyzer.IsCjk) || _runs.Contains(key) || concept.Forms[0].Terms.All(_tokens.Contains))
        {
            return null;
        }

        // Looked up as spans: a long run (「協協協…」, up to the analyser's 1,000 characters) would otherwise copy both
        // sides at every place it could be cut.
        var runs = _runs.GetAlternateLookup<ReadOnlySpan<char>>();
        int? cut = null;
        for (var k = 2; k <= key.Length - 2; k++)
        {
            if (runs.Contains(key.AsSpan(0, k)) && runs.Contains(key.AsSpan(k)))
            {
                if (cut is not null)
                {
                    return null;
                }

                cut = k;
            }
        }

        return cut;
    }

    /// <summary>
    /// The IDF weight the question sentence's own whole words (framing words left out) must reach to decide alone:
    /// below it (about one word found in half the sections), the situation sentences count as the question. 5-fold
    /// harness (ADR 0028, round 3): 0.5–1.0 give the same long-message figures; 1.5 and more fewer.
    /// </summary>
    internal const double VagueBar = 0.75;

    /// <summary>
    /// The share of a long message's situation weight (its other sentences) that no section holds, at or above which a
    /// question sentence of generic words only is no evidence for a section (<see cref="Question.GenericQuestion"/>).
    /// 5-fold harness (docs/decisions/0032-long-messages-sentence-by-sentence.md, round 2): 0.5 → 651 exact / 247
    /// another, 0.6 → 652 / 249, 0.7 → 652 / 249 but a made-up message of the class (a parking ticket) answered again; 0 (always) → 644 / 245.
    /// </summary>
    internal const double GenericUnknownShare = 0.6;

    /// <summary>
    /// A long message whose question sentence says little by itself: its whole-word concepts that are not framing
    /// words (<see cref="QuestionAnalyzer.IsFramingWord"/>) weigh less than <see cref="VagueBar"/> together, or they are
    /// only generic words (<see cref="QuestionAnalyzer.IsGenericWord"/>: 手続き, "process") while most of the situation
    /// is in words the manual lacks (<see cref="Question.GenericQuestion"/>). Then the situation sentences are the
    /// matter: their concepts count as the question's, in the ranking, the confidence and the phrasing matcher (the
    /// framing words stay: leaving them out as context did worse).
    /// </summary>
    private Question Vague(Question question)
    {
        if (!question.Concepts.Any(c => c.Context))
        {
            return question;
        }

        var unknown = new bool[question.Concepts.Count];
        var weights = Weights(question, unknown);
        var specific = 0.0;
        var generic = true;
        double situation = 0, situationUnknown = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var c = question.Concepts[i];
            if (c.Context)
            {
                situation += weights[i];
                situationUnknown += unknown[i] ? weights[i] : 0;
            }
            else if (!QuestionAnalyzer.IsFramingWord(c.Key))
            {
                generic &= QuestionAnalyzer.IsGenericWord(c.Key);
                specific += c.Weight >= 1 ? weights[i] : 0;
            }
        }

        var genericQuestion = generic && situation > 0 && situationUnknown >= GenericUnknownShare * situation;
        if (specific >= VagueBar && !genericQuestion)
        {
            // 「…相談もなく決められてしまいました。こういうのって、方針ではどう見ればいい？」: the question points back at the trouble, so
            // the sentences that tell the trouble are the question's too (the setting stays context). Japanese only: an
            // English story's concern is mostly in words the glossary lacks, which weigh whole (ADR 0026) and would
            // only lower the coverage (5-fold harness: English 122 → 123 exact, but a repository question refused).
            if (!question.IsEnglish && question.Sentences.Any(s => s.Role == SentenceRole.Question && SentenceRoles.PointsBack(s.Text)))
            {
                return question with { Concepts = [.. question.Concepts.Select(c => c.Context && !c.Setting ? c with { Context = false } : c)] };
            }

            return question;
        }

        return question with
        {
            Concepts = [.. question.Concepts.Select(c => c.Context ? c with { Context = false, Situation = true } : c)],
            VagueQuestion = true,
            GenericQuestion = genericQuestion,
        };
    }

    /// <summary>True when a run of kanji/katakana (<see cref="TermAnalyzer.Runs"/>) holds no katakana.</summary>
    private static bool AllKanji(ReadOnlySpan<char> run) => !run.ContainsAnyInRange('\u30A1', '\u30FE');

    /// <summary>True when every kanji in which two words of one length differ has the same main on-reading in both (対当 / 対等, 共同 / 協働).</summary>
    private bool Homophone(string a, string b)
    {
        var any = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                if (!Vocabulary.SameSound(a[i], b[i]))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private static int Differences(string a, string b)
    {
        var differences = 0;
        for (var i = 0; i < a.Length; i++)
        {
            differences += a[i] != b[i] ? 1 : 0;
        }

        return differences;
    }

    public IReadOnlyList<IndexedSection> Sections { get; }
    public KnowledgeVocabulary Vocabulary { get; }

    /// <summary>Files or lines that were skipped while building this snapshot.</summary>
    public IReadOnlyList<KnowledgeLoadError> Errors { get; }

    public IndexedSection? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Builds a snapshot from a folder: every <c>*.md</c> not starting with <c>_</c> and every Word or PDF document
    /// (<see cref="Documents.KnowledgeDocuments"/>), in file-name order. A file that
    /// breaks the format, or reuses a section id of an earlier file, is skipped and reported; the rest is indexed.
    /// With a <paramref name="documents"/> cache, a Word/PDF file unchanged since the last build is not read again.
    /// </summary>
    /// <param name="phrasings">Keeps the phrasings' analysis between builds while the vocabulary files are unchanged.</param>
    public static KnowledgeIndex Build(string folder, Documents.DocumentCache? documents = null, PhrasingFeatureCache? phrasings = null)
    {
        // The vocabulary (hand lists and dictionary extracts) is read on another core while the documents are parsed: in a
        // fresh process both are mostly first-call cost (JIT, the first YAML parse), which two cores share (ADR 0065).
        var vocabularyErrors = new List<KnowledgeLoadError>();
        var vocabularyLoad = System.IO.Directory.Exists(folder)
            ? Task.Run(() => KnowledgeVocabulary.Load(folder, vocabularyErrors))
            : Task.FromResult(KnowledgeVocabulary.Empty);
        var errors = new List<KnowledgeLoadError>();
        var sections = new List<KnowledgeSection>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<string> files = System.IO.Directory.Exists(folder)
            ? System.IO.Directory.EnumerateFiles(folder)
                .Where(f => (Path.GetExtension(f) == ".md" && !Path.GetFileName(f).StartsWith('_')) || Documents.KnowledgeDocuments.IsDocument(f))
                .Order(StringComparer.Ordinal)
            : [];
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            try
            {
                var parsed = Documents.KnowledgeDocuments.IsDocument(name)
                    ? (documents is null ? Documents.KnowledgeDocuments.Load(path) : documents.Load(path)).Sections
                    : MarkdownWithPhrasings(path, name, errors);
                if (parsed.FirstOrDefault(s => ids.Contains(s.Id)) is { } duplicate)
                {
                    throw new KnowledgeFormatException(name, duplicate.Line, $"section id '{duplicate.Id}' is already used by another file");
                }

                ids.UnionWith(parsed.Select(s => s.Id));
                sections.AddRange(parsed);
            }
            catch (KnowledgeFormatException ex)
            {
                errors.Add(new KnowledgeLoadError(ex.File, ex.Line, ex.Reason));
            }
            catch (Documents.DocumentReadException ex)
            {
                errors.Add(new KnowledgeLoadError(name, 0, ex.Message));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new KnowledgeLoadError(name, 0, $"cannot read the file: {ex.Message}"));
            }
        }

        documents?.Retain(files.Where(Documents.KnowledgeDocuments.IsDocument));
        var negatives = System.IO.Directory.Exists(folder) ? NotInManual.Load(folder, errors) : [];
        var vocabulary = vocabularyLoad.GetAwaiter().GetResult();
        errors.InsertRange(0, vocabularyErrors);
        return Build(sections, vocabulary, errors, negatives, phrasings, phrasings is null ? "" : PhrasingFeatureCache.Signature(folder));
    }

    /// <summary>
    /// A Markdown file's sections with the alternate phrasings of its side file (<c>principles.md.questions.yaml</c>,
    /// <see cref="Documents.DocumentPhrasings"/>) added to those written in the file itself.
    /// </summary>
    private static IReadOnlyList<KnowledgeSection> MarkdownWithPhrasings(string path, string name, List<KnowledgeLoadError> errors)
    {
        var problems = new List<Documents.DocumentProblem>();
        var sections = Documents.DocumentPhrasings.Apply(path, KnowledgeParser.Parse(name, File.ReadAllText(path)), problems, asSide: true);
        errors.AddRange(problems.Select(p => new KnowledgeLoadError(name + Documents.DocumentPhrasings.Suffix, 0, p.Message)));
        return sections;
    }

    /// <summary>
    /// Builds a snapshot from parsed sections (tests, tools); <paramref name="negatives"/> are questions the manual does
    /// not answer (<see cref="NotInManual"/>).
    /// </summary>
    public static KnowledgeIndex Build(IReadOnlyList<KnowledgeSection> sections, KnowledgeVocabulary vocabulary, List<KnowledgeLoadError>? errors = null, IReadOnlyList<string>? negatives = null) =>
        Build(sections, vocabulary, errors, negatives, null, "");

    private static KnowledgeIndex Build(IReadOnlyList<KnowledgeSection> sections, KnowledgeVocabulary vocabulary, List<KnowledgeLoadError>? errors, IReadOnlyList<string>? negatives, PhrasingFeatureCache? cache, string signature)
    {
        errors ??= [];
        var entries = sections.Select((s, i) => new IndexedSection(s, i)).ToList();
        var byId = entries.ToDictionary(e => e.Section.Id, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.Parent = entry.Section.ParentId is { } parentId ? byId.GetValueOrDefault(parentId) : null;
            entry.Children = [.. entry.Section.ChildIds.Select(byId.GetValueOrDefault).OfType<IndexedSection>()];
            foreach (var related in entry.Section.Related.Where(r => !byId.ContainsKey(r)))
            {
                errors.Add(new KnowledgeLoadError(entry.Section.FileName, entry.Section.Line, $"related section '{related}' does not exist (ignored)"));
            }
        }

        // The phrasings need only the vocabulary: they are read (the longest part of a build) while the sections are.
        IReadOnlyList<IndexedPhrasing> phrasingEntries = [
            .. entries.SelectMany(e => e.Section.Questions.Select(q => new IndexedPhrasing(e.Ordinal, q, InText: true))),
            .. entries.SelectMany(e => e.Section.SideQuestions.Select(q => new IndexedPhrasing(e.Ordinal, q))),
            .. (negatives ?? []).Select(q => new IndexedPhrasing(-1, q)),
        ];
        var phrasingFeatures = Task.Run(() => PhrasingIndex.Analyse(vocabulary, phrasingEntries, cache, signature));
        foreach (var entry in entries)
        {
            var ancestors = string.Join('\n', entry.Ancestors.Select(a => a.Section.Title));
            var body = entry.Section.Body;
            var phrasings = string.Join('\n', entry.Section.Questions);
            entry.OwnTitle = Analyze(entry.Section.Title, vocabulary);
            entry.EnglishTitleWords = TermAnalyzer.Runs(entry.Section.EnglishTitle ?? "")
                .Where(r => r.Kind == RunKind.Latin).SelectMany(TermAnalyzer.Terms).ToHashSet(StringComparer.Ordinal);
            entry.HeadingPath = Analyze($"{entry.Section.Title}\n{ancestors}", vocabulary);
            entry.Full = Analyze($"{entry.Section.Title}\n{ancestors}\n{body}\n{phrasings}", vocabulary);
            entry.Group = entry.Children.Count == 0
                ? entry.Full
                : Analyze($"{entry.Section.Title}\n{ancestors}\n{body}\n{phrasings}\n{string.Join('\n', entry.Children.Select(c => c.Section.Title))}", vocabulary);
            entry.Units = [.. BodyUnits.Split(body).Select(u => new BodyUnit(u.Text, u.Kind, u.Depth, Analyze(u.Text, vocabulary)))];
            entry.IsList = entry.Units.Count > 0 && entry.Units.Count(u => u.Kind == BodyUnitKind.ListItem) >= 0.8 * entry.Units.Count;
            entry.TitleWords = [.. TermAnalyzer.Runs(entry.OwnTitle.Text)
                .Where(r => r.Text.Length > 1 && !r.Text.All(char.IsAsciiDigit))
                .Select(r => r.Text).Distinct(StringComparer.Ordinal)
                .Select(w => TermAnalyzer.Terms(new TermRun(w, TermAnalyzer.IsCjk(w[0]) ? RunKind.Cjk : RunKind.Latin)).ToArray())];
        }

        MarkSummaries(entries);

        var index = new KnowledgeIndex(entries, vocabulary, errors, BuildBm25(entries, vocabulary));
        index.Phrasings = PhrasingIndex.From(phrasingEntries, phrasingFeatures.GetAwaiter().GetResult());
        return index;
    }

    /// <summary>Every alternate phrasing and every question the manual does not answer, each on its own.</summary>
    public PhrasingIndex Phrasings { get; private set; } = PhrasingIndex.Empty;

    /// <summary>Flags the list sections whose items mostly repeat text found in other sections.</summary>
    private static void MarkSummaries(IReadOnlyList<IndexedSection> entries)
    {
        var texts = entries.Select(e => Squeeze($"{e.Section.Title}\n{e.Section.Body}")).ToArray();
        for (var i = 0; i < entries.Count; i++)
        {
            var items = entries[i].Units.Where(u => u.Kind == BodyUnitKind.ListItem).Select(u => Squeeze(u.Text)).Where(t => t.Length > 1).ToList();
            if (!entries[i].IsList || items.Count == 0)
            {
                continue;
            }

            var repeated = items.Count(item => texts.Where((_, j) => j != i).Any(t => t.Contains(item, StringComparison.Ordinal)));
            entries[i].IsSummary = repeated >= 0.6 * items.Count;
        }
    }

    /// <summary>Normalised text without spaces and list numbering, so 「（1）各主体に共通な課題」 finds 「1(1) 各主体に共通な課題」.</summary>
    private static string Squeeze(string text) =>
        string.Concat(TextNormalizer.Key(text).Where(c => !char.IsWhiteSpace(c))).TrimStart('(', ')', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '・', '-');

    private static AnalyzedText Analyze(string text, KnowledgeVocabulary vocabulary) =>
        TermAnalyzer.Analyze(TextNormalizer.Key(text), vocabulary);

    /// <summary>
    /// Four fields, as a search engine would weigh them: the heading (×2), the body (×1), the headings above (×0.5),
    /// the alternate phrasings (×1).
    /// </summary>
    private static Bm25Index BuildBm25(IReadOnlyList<IndexedSection> entries, KnowledgeVocabulary vocabulary) =>
        new([
            (2.0, [.. entries.Select(e => e.OwnTitle.TokenList)]),
            (1.0, [.. entries.Select(e => Analyze(e.Section.Body, vocabulary).TokenList)]),
            (0.5, [.. entries.Select(e => Analyze(string.Join('\n', e.Ancestors.Select(a => a.Section.Title)), vocabulary).TokenList)]),
            (1.0, [.. entries.Select(e => Analyze(string.Join('\n', e.Section.Questions), vocabulary).TokenList)]),
        ]);

    /// <summary>
    /// How much each concept of the question weighs: its IDF over the sections (BM25's formula; a concept found
    /// nowhere gets the highest value), times the concept's own factor.
    /// </summary>
    public double[] Weights(Question question) => Weights(question, null);

    /// <param name="unknown">When given (one per concept): set true for a concept no section holds.</param>
    public double[] Weights(Question question, bool[]? unknown)
    {
        var n = Sections.Count;
        var weights = new double[question.Concepts.Count];
        var mark = new int[n];
        for (var i = 0; i < weights.Length; i++)
        {
            // Only a section that holds the first term of one of the concept's forms can hold the whole form.
            var df = 0;
            MarkCandidates(question.Concepts[i], firstTermOnly: true, mark, i + 1);
            for (var ordinal = 0; ordinal < mark.Length; ordinal++)
            {
                if (mark[ordinal] == i + 1 && question.Concepts[i].MatchIn(Sections[ordinal].Full) >= 0.999)
                {
                    df++;
                }
            }

            weights[i] = Idf(df) * question.Concepts[i].Weight * UnknownFactor(question.Concepts[i], df);
            if (unknown is not null)
            {
                unknown[i] = df == 0;
            }
        }

        return weights;
    }

    /// <summary>The inverse document frequency of a word <paramref name="df"/> sections hold (0: a word the manual lacks).</summary>
    internal double Idf(int df) => Math.Log(1 + ((Sections.Count - df + 0.5) / (df + 0.5)));

    /// <summary>
    /// A word no section holds gets the highest IDF, which is right for a noun that names something the manual does not
    /// cover (保険, 駐車場) and wrong for the casual verb or adverb around the question (困ってる, 全然): those say how
    /// it is asked, so they weigh a quarter. The head of a split compound weighs double (<see cref="Concept.Head"/>).
    /// </summary>
    private double UnknownFactor(Concept concept, int df) =>
        df > 0 ? 1
        : QuestionAnalyzer.IsFramingWord(concept.Key) && char.IsAsciiLetter(concept.Key[0]) ? 0
        : concept.Head ? UnknownHeadFactor
        : IsPredicate(concept.Key) ? UnknownPredicateFactor
        : 1;

    /// <summary>A word of <see cref="KnowledgeVocabulary.Predicates"/>; an English word also in another inflection (decided, hesitating).</summary>
    private bool IsPredicate(string key) =>
        Vocabulary.Predicates.Contains(key)
        || (key.Length > 0 && char.IsAsciiLetter(key[0]) && !key.Contains(' ') && QuestionAnalyzer.Stems(key).Any(Vocabulary.Predicates.Contains));

    /// <summary>
    /// The weighted share of the question's concepts a text holds (0..1), and the matched weight itself. Context
    /// concepts (sentences around the question sentence of a long message) do not count here.
    /// </summary>
    public static (double Coverage, double Matched) Coverage(Question question, double[] weights, AnalyzedText text)
    {
        double total = 0, matched = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (question.Concepts[i].Context)
            {
                continue;
            }

            total += weights[i];
            matched += weights[i] * question.Concepts[i].MatchIn(text);
        }

        return total <= 0 ? (0, 0) : (matched / total, matched);
    }

    /// <summary>
    /// Every section that shares something with the question, best first. The score blends: the weighted concept
    /// coverage of the section (heading, headings above, body); the coverage of its heading path; the share of its
    /// own heading the question holds (precision); the BM25 score normalised to the best hit, as a tie-breaker for
    /// term frequency and length; and a small bonus when the section's form fits the question (a summary table
    /// when a list was asked for, anything else otherwise).
    /// </summary>
    public IReadOnlyList<RankedSection> Rank(Question question, double[] weights)
    {
        var questionTerms = QuestionTerms(question);
        var bm25 = _bm25.Score(questionTerms);
        var max = Math.Max(bm25.DefaultIfEmpty(0).Max(), 1e-9);
        var ranked = new List<RankedSection>();
        var hasContext = question.Concepts.Any(c => c.Context);
        foreach (var entry in MatchingSections(question))
        {
            var (coverage, matched) = Coverage(question, weights, entry.Full);
            var contextCoverage = hasContext ? ContextCoverage(question, weights, entry.Full) : 0; // 0 without context
            if (coverage <= 0 && contextCoverage <= 0)
            {
                continue;
            }

            var (titleCoverage, _) = Coverage(question, weights, entry.HeadingPath);
            var titlePrecision = Precision(entry, questionTerms);
            var lexical = bm25[entry.Ordinal] / max;
            var form = entry.IsSummary == question.AsksForList ? FormBonus : 0;
            var score = coverage + (0.3 * titleCoverage) + (0.3 * titlePrecision) + (0.2 * lexical) + form
                + (ContextWeight * contextCoverage);
            ranked.Add(new RankedSection(entry, score, coverage, matched, titleCoverage, lexical));
        }

        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Entry.Ordinal.CompareTo(b.Entry.Ordinal));
        return ranked;
    }

    /// <summary>
    /// The sections, in order, that hold at least one term or character of the question (every other section has no
    /// coverage at all): a long question over a large manual visits only these, not every section.
    /// </summary>
    private List<IndexedSection> MatchingSections(Question question)
    {
        var mark = new int[Sections.Count];
        foreach (var concept in question.Concepts)
        {
            MarkCandidates(concept, firstTermOnly: false, mark, 1);
        }

        var matching = new List<IndexedSection>();
        for (var i = 0; i < mark.Length; i++)
        {
            if (mark[i] != 0)
            {
                matching.Add(Sections[i]);
            }
        }

        return matching;
    }

    /// <summary>
    /// Sets <paramref name="mark"/>[ordinal] to <paramref name="stamp"/> for each section holding a term (every term,
    /// or each form's first) or the single character of one of the concept's forms.
    /// </summary>
    private void MarkCandidates(Concept concept, bool firstTermOnly, int[] mark, int stamp)
    {
        foreach (var form in concept.Forms)
        {
            if (form.SingleCharacter is { } c)
            {
                Mark(_sectionsWithCharacter.GetValueOrDefault(c));
                continue;
            }

            for (var t = 0; t < form.Terms.Count && (t == 0 || !firstTermOnly); t++)
            {
                Mark(_sectionsWithTerm.GetValueOrDefault(form.Terms[t]));
            }
        }

        void Mark(int[]? ordinals)
        {
            foreach (var ordinal in ordinals ?? [])
            {
                mark[ordinal] = stamp;
            }
        }
    }

    /// <summary>The weighted share of the context concepts a text holds (0 when the message had no context).</summary>
    private static double ContextCoverage(Question question, double[] weights, AnalyzedText text)
    {
        double total = 0, matched = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (question.Concepts[i].Context)
            {
                total += weights[i];
                matched += weights[i] * question.Concepts[i].MatchIn(text);
            }
        }

        return total <= 0 ? 0 : matched / total;
    }

    /// <summary>Every index term the question can match, with the factor of the concept it comes from.</summary>
    private static Dictionary<string, double> QuestionTerms(Question question)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var concept in question.Concepts)
        {
            foreach (var form in concept.Forms)
            {
                foreach (var term in form.SingleCharacter is { } c ? [c.ToString()] : form.Terms)
                {
                    if (terms.Count < MaxQueryTerms)
                    {
                        terms.TryAdd(term, concept.Weight);
                    }
                }
            }
        }

        return terms;
    }

    /// <summary>
    /// The share of a heading's content words the question holds (a word counts by the share of its terms): a
    /// heading that is mostly what was asked (「情報を公開しよう（公開の原則）」 for 公開の原則) beats one that mentions
    /// it among other things (the ☆ note on both principles). Words, not terms, so a long compound does not count
    /// more than a short one.
    /// </summary>
    private static double Precision(IndexedSection entry, Dictionary<string, double> questionTerms)
    {
        if (entry.TitleWords.Count == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var word in entry.TitleWords)
        {
            var found = 0;
            foreach (var term in word)
            {
                if (questionTerms.ContainsKey(term))
                {
                    found++;
                }
            }

            sum += (double)found / word.Length;
        }

        return sum / entry.TitleWords.Count;
    }
}
