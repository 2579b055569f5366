using System.Collections.Frozen;
using KyodoBot.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// The word lists that live beside the manual as data: <c>_synonyms.yaml</c> (Japanese variants staff type → the
/// term the manual uses) and <c>_glossary.yaml</c> (English terms → Japanese terms of the manual). Keys are stored in
/// the form <see cref="TextNormalizer.Key"/> produces, so lookups match what the analyzer sees. Two extracts of public
/// dictionaries extend them (<c>_sudachi-synonyms.tsv</c>, <c>_edict-en.tsv</c>); the hand-written lists win.
/// </summary>
public sealed class KnowledgeVocabulary
{
    public const string SynonymsFile = "_synonyms.yaml";
    public const string GlossaryFile = "_glossary.yaml";

    /// <summary>
    /// English read in a staff member's question only, never in the manual's phrasings or text (<see cref="ForQuestions"/>):
    /// everyday wording of an idea ("on an equal footing" → 対等) that the sections' own English phrasings also hold.
    /// </summary>
    public const string QuestionGlossaryFile = "_glossary-questions.yaml";

    /// <summary>Sudachi synonym groups reduced to the manual's words (tools/extract-dictionaries.py).</summary>
    public const string SynonymDictionaryFile = "_sudachi-synonyms.tsv";

    /// <summary>EDICT's English glosses of the manual's words (tools/extract-dictionaries.py).</summary>
    public const string EnglishDictionaryFile = "_edict-en.tsv";

    /// <summary>Katakana readings of the manual's kanji words (EDICT extract): ｷｮｳﾄﾞｳ / キョウドウ → 協働.</summary>
    public const string ReadingsDictionaryFile = "_edict-readings.tsv";

    /// <summary>
    /// Common verbs, adjectives and adverbs the manual lacks (EDICT extract), as the analyzer sees them: 困 (困る), 揃
    /// (揃える), 全然. They say how something is asked, not what about.
    /// </summary>
    public const string PredicatesDictionaryFile = "_edict-predicates.tsv";

    /// <summary>
    /// On-readings (音読み) of kanji, from KANJIDIC: two kanji that share one can be typed for each other through an
    /// input method (対当 for 対等, 協動 for 協働).
    /// </summary>
    public const string KanjiReadingsFile = "_kanjidic-on.tsv";

    /// <summary>
    /// Shapes of a trouble told in everyday words (a pattern over a sentence) → the manual's word for the principle that
    /// answers it: 「誰がやるのか決まっていない」 → 役割分担 (docs/decisions/0035-trouble-shapes.md).
    /// </summary>
    public const string TroublesFile = "_troubles.tsv";

    /// <summary>A trouble shape that takes longer than this on one message is skipped for that message (a pathological pattern).</summary>
    private static readonly TimeSpan TroubleMatchTimeout = TimeSpan.FromMilliseconds(20);

    /// <summary>A reading shorter than this is too often part of another word (ADR 0021).</summary>
    private const int MinReadingLength = 3;

    /// <summary>Kana left over after the readings (ジゲン|セイ): a suffix such as 性 or 的, kept as typed.</summary>
    private const int MaxUnreadTail = 2;

    public static KnowledgeVocabulary Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _synonymLookup;

    // Per first character, the lengths of the variants starting with it (longest first): a question's character
    // tries only these instead of every length in the table (TermAnalyzer.Canonicalize runs on every question).
    private readonly Dictionary<char, int[]> _synonymLengthsByFirst;

    public KnowledgeVocabulary(IReadOnlyDictionary<string, string> synonyms, IReadOnlyDictionary<string, IReadOnlyList<string>> glossary)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variant, canonical) in synonyms)
        {
            table[variant] = canonical;
            table.TryAdd(canonical, canonical);
        }

        Synonyms = table;
        _synonymLookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        _synonymLengthsByFirst = table.Keys.GroupBy(k => k[0]).ToDictionary(g => g.Key, g => g.Select(k => k.Length).Distinct().OrderDescending().ToArray());
        (Glossary, GlossaryMaxWords, GlossaryPrefixes) = (glossary, MaxWords(glossary), Prefixes(glossary));
    }

    /// <summary>The same vocabulary with another glossary (<see cref="ForQuestions"/>): every other list is shared.</summary>
    private KnowledgeVocabulary(KnowledgeVocabulary other, IReadOnlyDictionary<string, IReadOnlyList<string>> glossary, IReadOnlySet<string> dictionaryKeys)
    {
        Synonyms = other.Synonyms;
        _synonymLookup = other._synonymLookup;
        _synonymLengthsByFirst = other._synonymLengthsByFirst;
        (Glossary, GlossaryMaxWords, GlossaryPrefixes) = (glossary, MaxWords(glossary), Prefixes(glossary));
        DictionaryGlossaryKeys = dictionaryKeys;
        (Paraphrases, Predicates, Troubles, OnReadings, Readings, Romaji) = (other.Paraphrases, other.Predicates, other.Troubles, other.OnReadings, other.Readings, other.Romaji);
        ReadsQuestions = true;
    }

    /// <summary>
    /// True for <see cref="ForQuestions"/>: what only a staff member's question is read with (a question glossary entry,
    /// a survey named as the source, <see cref="ManualCue.EnglishDocumentNamed"/>), never a phrasing.
    /// </summary>
    public bool ReadsQuestions { get; }

    private static int MaxWords(IReadOnlyDictionary<string, IReadOnlyList<string>> glossary) =>
        glossary.Keys.Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();

    private static FrozenSet<string> Prefixes(IReadOnlyDictionary<string, IReadOnlyList<string>> glossary) =>
        glossary.Keys
            .SelectMany(k => Enumerable.Range(0, k.Length).Where(i => k[i] == ' ').Select(i => k[..(i + 1)]))
            .ToFrozenSet(StringComparer.Ordinal);

    private KnowledgeVocabulary? _forQuestions;

    /// <summary>
    /// The vocabulary a staff member's question is read with (<see cref="KnowledgeIndex.Analyze"/>): this one, its
    /// glossary extended by <see cref="QuestionGlossaryFile"/>. The phrasings, the negatives and the manual's text are
    /// read with this vocabulary itself, so an entry there changes how questions are read and nothing else: a key that
    /// a section's English phrasing also holds would otherwise move that phrasing's reading and, with it, the nearest-
    /// phrasing vote for questions that never use the key (docs/decisions/0056-question-glossary.md).
    /// </summary>
    public KnowledgeVocabulary ForQuestions => _forQuestions ?? this;

    /// <summary>Variant → canonical term; every canonical term also maps to itself.</summary>
    public IReadOnlyDictionary<string, string> Synonyms { get; }

    /// <summary>
    /// The variants of <see cref="Synonyms"/> listed as <c>paraphrases:</c> in <c>_synonyms.yaml</c>: an everyday
    /// description of an idea (「目指すところを揃え」 for 目的共有) keeps its own words and is followed by the manual's word,
    /// where a variant (another name for the same thing, 補助金 for 公金) is replaced by it. A description's words still
    /// say something a question may share with a phrasing that words the idea otherwise (目指すところを確認).
    /// </summary>
    public IReadOnlySet<string> Paraphrases { get; init; } = new HashSet<string>();

    /// <summary>English phrase (words joined by one space) → Japanese terms.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Glossary { get; }

    public int GlossaryMaxWords { get; }

    /// <summary>
    /// Every start of a <see cref="Glossary"/> key that ends in a space ("code of " for "code of conduct"): a phrase
    /// whose first words are none of these cannot be a key, whatever form its last word takes.
    /// </summary>
    public FrozenSet<string> GlossaryPrefixes { get; }

    /// <summary>The glossary keys that come from the EDICT extract rather than <c>_glossary.yaml</c>.</summary>
    public IReadOnlySet<string> DictionaryGlossaryKeys { get; init; } = new HashSet<string>();

    /// <summary>Words of <see cref="PredicatesDictionaryFile"/>: how a question is worded, not what it is about.</summary>
    public IReadOnlySet<string> Predicates { get; init; } = new HashSet<string>();

    /// <summary>The trouble shapes of <see cref="TroublesFile"/>: a pattern over the normalised text and the manual's word it names.</summary>
    public IReadOnlyList<(System.Text.RegularExpressions.Regex Pattern, string Word)> Troubles { get; init; } = [];

    /// <summary>
    /// The text with the manual's word written after each trouble shape it holds (「…決まっていない（役割分担）…」), so
    /// that the analyzer, the ranking and the phrasing matcher read the matter the sentence tells in the manual's word.
    /// </summary>
    public string MarkTroubles(string key)
    {
        if (Troubles.Count == 0 || key.Length == 0)
        {
            return key;
        }

        List<(int At, string Word)>? marks = null;
        foreach (var (pattern, word) in Troubles)
        {
            try
            {
                foreach (System.Text.RegularExpressions.ValueMatch match in pattern.EnumerateMatches(key))
                {
                    (marks ??= []).Add((match.Index + match.Length, word));
                }
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // An editor's pattern that backtracks without end must not hold up an answer; the others still mark.
            }
        }

        if (marks is null)
        {
            return key;
        }

        var builder = new System.Text.StringBuilder(key.Length + (marks.Count * 8));
        var copied = 0;
        foreach (var (at, word) in marks.OrderBy(m => m.At))
        {
            builder.Append(key, copied, at - copied).Append('（').Append(word).Append('）');
            copied = at;
        }

        return builder.Append(key, copied, key.Length - copied).ToString();
    }

    /// <summary>
    /// True when <see cref="MarkTroubles"/> wrote a word into the text: its full-width brackets, which a normalised
    /// text never holds otherwise (NFKC makes them ASCII).
    /// </summary>
    public static bool HoldsTroubleMark(string text) => text.Contains('（', StringComparison.Ordinal);

    /// <summary>Kanji → its on-readings (<see cref="KanjiReadingsFile"/>).</summary>
    public IReadOnlyDictionary<char, string[]> OnReadings { get; init; } = new Dictionary<char, string[]>();

    /// <summary>True when two kanji share an on-reading (<see cref="KanjiReadingsFile"/>): one may be typed for the other.</summary>
    public bool SameSound(char a, char b)
    {
        if (!OnReadings.TryGetValue(a, out var first) || !OnReadings.TryGetValue(b, out var second))
        {
            return false;
        }

        // A loop, not Intersect: the typo reading asks this for every word of the manual of the question word's length.
        foreach (var reading in first)
        {
            if (Array.IndexOf(second, reading) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Katakana reading → kanji word of the manual (<see cref="ReadingsDictionaryFile"/>).</summary>
    public IReadOnlyDictionary<string, string> Readings
    {
        get => _readings;
        init
        {
            _readings = value;
            var hiragana = value.ToDictionary(p => Hiragana(p.Key), p => p.Value, StringComparer.Ordinal);
            _hiraganaReadings = hiragana.GetAlternateLookup<ReadOnlySpan<char>>();
            _hiraganaLengthsByFirst = hiragana.Keys.GroupBy(k => k[0])
                .ToDictionary(g => g.Key, g => g.Select(k => k.Length).Distinct().OrderDescending().ToArray());
        }
    }

    private readonly IReadOnlyDictionary<string, string> _readings = new Dictionary<string, string>();

    // The same readings keyed by their hiragana, looked up by span (ReadHiragana tries several lengths at each place).
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _hiraganaReadings =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // Per first kana, the lengths of the hiragana readings that start with it (longest first): only these are tried.
    private readonly Dictionary<char, int[]> _hiraganaLengthsByFirst = [];

    /// <summary>The same readings for a word typed in romaji in an English question: tatewari → 縦割り.</summary>
    public RomajiReader Romaji { get; init; } = RomajiReader.Empty;

    /// <summary>
    /// Replaces each katakana run that is entirely made of readings of the manual's words (allowing a short unread
    /// tail) by those words: 「キョウドウの原則」 → 「協働の原則」. Runs that are words of their own (ボランティア, コラボ)
    /// never split into readings of three or more kana, so they stay.
    /// </summary>
    public string ReadKatakana(string key)
    {
        if (Readings.Count == 0)
        {
            return key;
        }

        var rewrite = new KeyRewrite(key);
        for (var i = 0; NextRun(key, ref i, IsKatakana) is var start and >= 0;)
        {
            if (i - start >= MinReadingLength && !Synonyms.ContainsKey(key[start..i]) && ReadRun(key[start..i]) is { } words)
            {
                rewrite.Replace(start, i, words);
            }
        }

        return rewrite.Result();
    }

    /// <summary>
    /// The start of the next run of characters <paramref name="inRun"/> accepts at or after <paramref name="i"/>, which
    /// is left at its end; -1 when there is none.
    /// </summary>
    private static int NextRun(string key, ref int i, Func<char, bool> inRun)
    {
        while (i < key.Length && !inRun(key[i]))
        {
            i++;
        }

        var start = i;
        while (i < key.Length && inRun(key[i]))
        {
            i++;
        }

        return i > start ? start : -1;
    }

    /// <summary>A key with some of its spans replaced, copied only once the first replacement is made.</summary>
    private struct KeyRewrite(string key)
    {
        private System.Text.StringBuilder? _builder;
        private int _copied;

        /// <summary>Replaces key[<paramref name="from"/>..<paramref name="to"/>] (after every span replaced before it).</summary>
        public void Replace(int from, int to, string words)
        {
            _builder ??= new System.Text.StringBuilder(key.Length + 8);
            _builder.Append(key, _copied, from - _copied).Append(words);
            _copied = to;
        }

        public readonly string Result() => _builder is null ? key : _builder.Append(key, _copied, key.Length - _copied).ToString();
    }

    /// <summary>
    /// <see cref="ReadKatakana"/> after <see cref="ReadHiragana"/>: a word of the manual typed in either kana (a phone
    /// left unconverted: 「じげんせいのげんそくってなに」) is read as the manual writes it.
    /// </summary>
    public string ReadKana(string key) => ReadKatakana(ReadHiragana(key));

    /// <summary>
    /// Replaces words of the manual typed in hiragana (「きょうどうていあんじぎょう」 → 協働提案事業) by the manual's
    /// words — only where a word can stand: in a run of hiragana that no kanji comes right before (a kanji's ending, し
    /// of 指摘して, is no word) unless a case particle starts it, starting at the run's start or after a particle, and
    /// ending at the run's end, before a particle or before another such word. Grammar otherwise reads as words:
    /// で|しょうか would be 上下, 団体|さんか|ら 参加.
    /// </summary>
    public string ReadHiragana(string key)
    {
        if (Readings.Count == 0)
        {
            return key;
        }

        var rewrite = new KeyRewrite(key);
        for (var i = 0; NextRun(key, ref i, IsHiragana) is var start and >= 0;)
        {
            // After a kanji, a run is the word's ending (協働|して) unless a case particle starts it (大学校|と|けんしゅう).
            var at = start;
            if (start > 0 && IsKanji(key[start - 1]))
            {
                var particle = CaseParticleAt(key, start, i);
                if (particle == 0)
                {
                    continue;
                }

                at += particle;
            }

            var boundary = true;
            while (at < i)
            {
                if (boundary && i - at >= MinReadingLength && ReadWords(key, at, i, MaxWordsBackToBack) is { } read)
                {
                    rewrite.Replace(at, read.End, read.Words);
                    at = read.End;
                    boundary = false;
                    continue;
                }

                var particle = ParticleAt(key, at, i);
                boundary = particle > 0 && key[at] != 'で';
                at += Math.Max(particle, 1);
            }
        }

        return rewrite.Result();
    }

    /// <summary>
    /// One to <paramref name="words"/> readings back to back from <paramref name="at"/> that end at <paramref name="end"/>
    /// or before a particle; longest first.
    /// </summary>
    private (string Words, int End)? ReadWords(string key, int at, int end, int words)
    {
        if (!_hiraganaLengthsByFirst.TryGetValue(key[at], out var lengths))
        {
            return null;
        }

        foreach (var length in lengths)
        {
            if (length > end - at || length < MinReadingLength || !_hiraganaReadings.TryGetValue(key.AsSpan(at, length), out var word))
            {
                continue;
            }

            var next = at + length;
            if (next == end || ParticleAt(key, next, end) > 0)
            {
                return (word, next);
            }

            if (words > 1 && ReadWords(key, next, end, words - 1) is { } more)
            {
                return (word + more.Words, more.End);
            }
        }

        return null;
    }

    /// <summary>The length of the particle or ending that starts at <paramref name="at"/> (の, って, から, する …), 0 when none.</summary>
    private static int ParticleAt(string key, int at, int end) => LengthOfOne(Particles, key, at, end);

    /// <summary>The length of the case particle that starts at <paramref name="at"/> (と of 大学校とけんしゅう), 0 when none.</summary>
    private static int CaseParticleAt(string key, int at, int end) => LengthOfOne(CaseParticles, key, at, end);

    private static int LengthOfOne(string[] particles, string key, int at, int end)
    {
        foreach (var particle in particles)
        {
            if (at + particle.Length <= end && key.AsSpan(at, particle.Length).SequenceEqual(particle))
            {
                return particle.Length;
            }
        }

        return 0;
    }

    /// <summary>
    /// Particles and endings a word typed in hiragana may stand before (longest first where one starts another). Not the
    /// sentence endings よ, な, か, だ, ね: どうし|よう (どうしようと) would be 同士, こうか|な 効果.
    /// </summary>
    private static readonly string[] Particles =
    [
        "ってなに", "って", "から", "まで", "など", "なら", "さん", "です", "でしょう", "する", "して", "した", "しない", "しま", "させ", "され", "でき",
        "の", "を", "に", "は", "が", "と", "も", "や", "へ", "で",
    ];

    /// <summary>The particles that may follow a kanji word and start a run of hiragana that is not its ending.</summary>
    private static readonly string[] CaseParticles = ["って", "から", "まで", "の", "と", "を", "に", "は", "が", "も", "や", "へ"];

    /// <summary>A compound typed in hiragana holds at most this many of the manual's words (きょうどう|ていあん|じぎょう).</summary>
    private const int MaxWordsBackToBack = 4;

    private static string Hiragana(string katakana) =>
        string.Create(katakana.Length, katakana, static (buffer, text) =>
        {
            for (var k = 0; k < text.Length; k++)
            {
                buffer[k] = text[k] is >= '\u30A1' and <= '\u30F6' ? (char)(text[k] - 0x60) : text[k];
            }
        });

    private static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u3096' or '\u30FC';

    private static bool IsKanji(char c) => c is >= '\u4E00' and <= '\u9FFF' or '々';

    private string? ReadRun(string run)
    {
        // Longest readings first from the left; small runs, so a greedy walk with backtracking is enough.
        if (run.Length == 0)
        {
            return "";
        }

        for (var length = run.Length; length >= MinReadingLength; length--)
        {
            if (Readings.TryGetValue(run[..length], out var word) && ReadRun(run[length..]) is { } rest)
            {
                return word + rest;
            }
        }

        return run.Length <= MaxUnreadTail ? run : null;
    }

    private static bool IsKatakana(char c) => c is >= '\u30A1' and <= '\u30FA' or '\u30FC';

    /// <summary>The lengths of the synonym variants that start with <paramref name="c"/>, longest first (empty when none does).</summary>
    public ReadOnlySpan<int> SynonymLengthsStartingWith(char c) => _synonymLengthsByFirst.TryGetValue(c, out var lengths) ? lengths : [];

    public bool TryGetCanonical(ReadOnlySpan<char> term, out string canonical) => _synonymLookup.TryGetValue(term, out canonical!);

    /// <summary>Reads the hand lists and the dictionary extracts of a knowledge folder; a missing file is empty, a broken one an error.</summary>
    public static KnowledgeVocabulary Load(string folder, ICollection<KnowledgeLoadError> errors)
    {
        var (synonyms, paraphrases) = HandSynonyms(folder, errors);
        var glossary = HandGlossary(folder, GlossaryFile, errors);
        var questionsOnly = HandGlossary(folder, QuestionGlossaryFile, errors);
        var questionGlossary = new Dictionary<string, IReadOnlyList<string>>(glossary, StringComparer.Ordinal);
        foreach (var (key, japanese) in questionsOnly)
        {
            // A key of both lists reads as both in a question, as two entries of one list do.
            questionGlossary[key] = questionGlossary.TryGetValue(key, out var existing) ? [.. existing.Union(japanese)] : japanese;
        }

        // The dictionary extracts come after the hand-written lists, which always win (ADR 0017).
        AddDictionarySynonyms(folder, errors, synonyms);
        var dictionaryGlossary = DictionaryGlossary(folder, errors, synonyms);
        var fromDictionary = AddUnder(glossary, dictionaryGlossary);
        var questionFromDictionary = AddUnder(questionGlossary, dictionaryGlossary);

        var readings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (reading, word) in Pairs(Path.Combine(folder, ReadingsDictionaryFile), errors))
        {
            var key = TextNormalizer.Key(reading);
            if (key.Length >= MinReadingLength && word.Length > 0)
            {
                readings.TryAdd(key, TextNormalizer.Key(word));
            }
        }

        var predicates = Pairs(Path.Combine(folder, PredicatesDictionaryFile), errors)
            .Select(p => TextNormalizer.Key(p.Key))
            .Where(w => w.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

        var onReadings = new Dictionary<char, List<string>>();
        foreach (var (reading, kanji) in Pairs(Path.Combine(folder, KanjiReadingsFile), errors))
        {
            foreach (var c in kanji)
            {
                if (!onReadings.TryGetValue(c, out var list))
                {
                    onReadings[c] = list = [];
                }

                list.Add(reading);
            }
        }

        var vocabulary = new KnowledgeVocabulary(synonyms, glossary)
        {
            Paraphrases = paraphrases, DictionaryGlossaryKeys = fromDictionary, Readings = readings, Romaji = RomajiReader.From(readings), Predicates = predicates, Troubles = TroubleShapes(folder, errors),
            OnReadings = onReadings.ToDictionary(p => p.Key, p => p.Value.ToArray()),
        };
        if (questionsOnly.Count > 0)
        {
            vocabulary._forQuestions = new KnowledgeVocabulary(vocabulary, questionGlossary, questionFromDictionary);
        }

        return vocabulary;
    }

    /// <summary>
    /// <see cref="TroublesFile"/>: 'pattern TAB word' a line; a broken pattern is an error. The patterns run on every
    /// message (at most 1,000 characters), interpreted, with a match timeout: the non-backtracking engine would bound the
    /// time by construction, but its automata retained about 16 MB of heap for 16 patterns and cost 28 µs of CPU per
    /// answer (bench … knowledge); interpreted they cost neither measurably.
    /// </summary>
    private static List<(System.Text.RegularExpressions.Regex, string)> TroubleShapes(string folder, ICollection<KnowledgeLoadError> errors)
    {
        var shapes = new List<(System.Text.RegularExpressions.Regex, string)>();
        foreach (var (pattern, word) in Pairs(Path.Combine(folder, TroublesFile), errors))
        {
            try
            {
                var regex = new System.Text.RegularExpressions.Regex(TextNormalizer.Key(pattern), System.Text.RegularExpressions.RegexOptions.CultureInvariant, TroubleMatchTimeout);
                shapes.Add((regex, TextNormalizer.Key(word.Trim())));
            }
            catch (ArgumentException ex)
            {
                errors.Add(new KnowledgeLoadError(TroublesFile, 0, $"'{pattern}': {ex.Message} (ignored)"));
            }
        }

        return shapes;
    }

    /// <summary><c>_synonyms.yaml</c>: each variant and paraphrase → its canonical word, and which are paraphrases.</summary>
    private static (Dictionary<string, string> Synonyms, HashSet<string> Paraphrases) HandSynonyms(string folder, ICollection<KnowledgeLoadError> errors)
    {
        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        var paraphrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries(Path.Combine(folder, SynonymsFile), "synonyms", errors))
        {
            var canonical = TextNormalizer.Key(Scalar(entry, "canonical"));
            if (canonical.Length == 0)
            {
                continue;
            }

            foreach (var (list, variant) in Scalars(entry, "variants").Select(v => ("variants", v)).Concat(Scalars(entry, "paraphrases").Select(v => ("paraphrases", v))))
            {
                var spellings = Spellings(TextNormalizer.Key(variant));
                if (spellings is null)
                {
                    errors.Add(new KnowledgeLoadError(SynonymsFile, (int)entry.Start.Line, $"'{variant}': unbalanced '(' or ')', or more than {MaxSpellings} spellings (ignored)"));
                    continue;
                }

                foreach (var key in spellings.Where(k => k.Length > 0 && k != canonical))
                {
                    synonyms[key] = canonical;
                    if (list == "paraphrases")
                    {
                        paraphrases.Add(key);
                    }
                    else
                    {
                        paraphrases.Remove(key);
                    }
                }
            }
        }

        return (synonyms, paraphrases);
    }

    /// <summary>A variant written with alternatives stands for at most this many spellings (a typo must not explode the table).</summary>
    private const int MaxSpellings = 4096;

    /// <summary>
    /// The spellings a variant of <c>_synonyms.yaml</c> stands for. A group of alternatives in brackets is each of them
    /// in turn, an empty alternative leaves the group out: 「(目的|目標|ゴール)を(揃え|そろえ|すり合わせ)」 is nine phrases,
    /// 「(ご|)判断」 both 判断 and ご判断. Everyday paraphrases vary in a noun, a particle or a verb's spelling while the
    /// idea stays, and the matcher replaces whole spellings (there is no lemmatiser, ADR 0017): the groups spell the
    /// combinations out once, at load, so matching stays one table lookup. Groups do not nest; a bracket without its
    /// partner, or a variant of more than <see cref="MaxSpellings"/> spellings, is null (a load error).
    /// </summary>
    public static IReadOnlyList<string>? Spellings(string variant)
    {
        List<string> spellings = [""];
        var i = 0;
        while (i < variant.Length)
        {
            var open = variant.IndexOf('(', i);
            var literalEnd = open < 0 ? variant.Length : open;
            if (variant.AsSpan(i, literalEnd - i).IndexOf(')') >= 0)
            {
                return null;
            }

            var literal = variant[i..literalEnd];
            spellings = [.. spellings.Select(s => s + literal)];
            if (open < 0)
            {
                break;
            }

            var close = variant.IndexOf(')', open + 1);
            if (close < 0 || variant.AsSpan(open + 1, close - open - 1).IndexOf('(') >= 0)
            {
                return null;
            }

            var alternatives = variant[(open + 1)..close].Split('|');
            if (spellings.Count * alternatives.Length > MaxSpellings)
            {
                return null;
            }

            spellings = [.. spellings.SelectMany(s => alternatives.Select(a => s + a))];
            i = close + 1;
        }

        return spellings;
    }

    /// <summary><c>_glossary.yaml</c> (or <see cref="QuestionGlossaryFile"/>): each English word → the manual's Japanese words.</summary>
    private static Dictionary<string, IReadOnlyList<string>> HandGlossary(string folder, string file, ICollection<KnowledgeLoadError> errors)
    {
        var glossary = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in Entries(Path.Combine(folder, file), "terms", errors))
        {
            var japanese = Scalars(entry, "ja").Select(TextNormalizer.Key).Where(j => j.Length > 0).ToArray();
            foreach (var english in Scalars(entry, "en"))
            {
                var key = EnglishKey(english);
                if (key.Length > 0 && japanese.Length > 0)
                {
                    glossary[key] = glossary.TryGetValue(key, out var existing) ? [.. existing.Union(japanese)] : japanese;
                }
            }
        }

        return glossary;
    }

    /// <summary>Sudachi's synonym groups, under the hand list: a variant the hand list already knows is left alone.</summary>
    private static void AddDictionarySynonyms(string folder, ICollection<KnowledgeLoadError> errors, Dictionary<string, string> synonyms)
    {
        var handCanonicals = synonyms.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var (variant, canonical) in Pairs(Path.Combine(folder, SynonymDictionaryFile), errors))
        {
            var key = TextNormalizer.Key(variant);
            var target = TextNormalizer.Key(canonical);
            target = synonyms.GetValueOrDefault(target, target); // 締切 → 期限 → 時限性: both sides end on the same word
            if (key.Length > 1 && target.Length > 0 && key != target && !handCanonicals.Contains(key))
            {
                synonyms.TryAdd(key, target);
            }
        }
    }

    /// <summary>EDICT's English words and their Japanese words of the manual.</summary>
    private static List<(string Key, string[] Words)> DictionaryGlossary(string folder, ICollection<KnowledgeLoadError> errors, Dictionary<string, string> synonyms)
    {
        var entries = new List<(string, string[])>();
        foreach (var (english, japanese) in Pairs(Path.Combine(folder, EnglishDictionaryFile), errors))
        {
            var key = EnglishKey(english);
            // A word the hand list maps elsewhere (補助 → 公金) would drag the English word there too: skipped.
            var words = japanese.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(TextNormalizer.Key)
                .Where(w => !synonyms.TryGetValue(w, out var canonical) || canonical == w)
                .ToArray();
            if (key.Length > 0 && words.Length > 0)
            {
                entries.Add((key, words));
            }
        }

        return entries;
    }

    /// <summary>EDICT's English words, under a hand glossary; returns the English words that came from EDICT alone.</summary>
    private static HashSet<string> AddUnder(Dictionary<string, IReadOnlyList<string>> glossary, List<(string Key, string[] Words)> dictionary)
    {
        var fromDictionary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, words) in dictionary)
        {
            if (glossary.TryAdd(key, words))
            {
                fromDictionary.Add(key);
            }
        }

        return fromDictionary;
    }

    /// <summary>The tab-separated pairs of a dictionary extract (<c>#</c> starts a comment); a missing file is empty.</summary>
    private static IEnumerable<(string Key, string Value)> Pairs(string path, ICollection<KnowledgeLoadError> errors)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var pairs = new List<(string, string)>();
        try
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNo++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0)
                {
                    errors.Add(new KnowledgeLoadError(Path.GetFileName(path), lineNo, "expected 'key<TAB>value' (ignored)"));
                    continue;
                }

                pairs.Add((line[..tab], line[(tab + 1)..]));
            }
        }
        catch (IOException ex)
        {
            errors.Add(new KnowledgeLoadError(Path.GetFileName(path), 0, ex.Message));
        }

        return pairs;
    }

    /// <summary>English words as the analyzer splits them: lower case, letters and digits, one space between.</summary>
    public static string EnglishKey(string? text) => string.Join(' ', TermAnalyzer.LatinWords(TextNormalizer.Key(text)));

    /// <summary>The mappings listed under <paramref name="listKey"/> of a YAML file; problems become errors.</summary>
    private static IEnumerable<YamlMappingNode> Entries(string path, string listKey, ICollection<KnowledgeLoadError> errors)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var name = Path.GetFileName(path);
        YamlStream yaml = [];
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (Exception ex) when (ex is YamlException or IOException)
        {
            errors.Add(new KnowledgeLoadError(name, ex is YamlException y ? (int)y.Start.Line : 0, ex.Message));
            return [];
        }

        if (yaml.Documents.Count == 0)
        {
            return [];
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode(listKey), out var list)
            || list is not YamlSequenceNode sequence)
        {
            errors.Add(new KnowledgeLoadError(name, 1, $"expected a list under '{listKey}:'"));
            return [];
        }

        var entries = new List<YamlMappingNode>();
        foreach (var item in sequence)
        {
            if (item is YamlMappingNode mapping)
            {
                entries.Add(mapping);
            }
            else
            {
                errors.Add(new KnowledgeLoadError(name, (int)item.Start.Line, "expected an entry with keys (ignored)"));
            }
        }

        return entries;
    }

    private static string Scalar(YamlMappingNode entry, string key) =>
        entry.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value } ? value : "";

    private static IEnumerable<string> Scalars(YamlMappingNode entry, string key)
    {
        if (!entry.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node switch
        {
            YamlSequenceNode sequence => sequence.OfType<YamlScalarNode>().Select(s => s.Value ?? ""),
            YamlScalarNode { Value: { } single } => [single],
            _ => [],
        };
    }
}
