using System.Collections.Concurrent;
using System.Collections.Frozen;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>One alternate phrasing (or a question the manual does not answer) as the phrasing matcher holds it.</summary>
/// <param name="Section">The section's ordinal in the index, or -1 for a question the manual does not answer.</param>
/// <param name="InText">Also part of the section's words (a phrasing written in the Markdown file itself).</param>
public sealed record IndexedPhrasing(int Section, string Text, bool InText = false);

/// <summary>
/// The nearest phrasings of a question. <see cref="Best"/> is the most similar phrasing of any section,
/// <see cref="Runner"/> the most similar phrasing of another section, <see cref="Negative"/> the most similar question
/// the manual does not answer; similarities are 0..1 (a weighted cosine, <see cref="PhrasingIndex"/>).
/// </summary>
public sealed record PhrasingMatch(int Section, double Best, double Runner, double Negative, string? Phrasing, string? NegativePhrasing);

/// <summary>
/// A second signal beside the section ranking: every alternate phrasing of every section, and every question of
/// <c>_not-in-manual.tsv</c>, indexed on its own (not merged into the section's words, which would dilute what makes
/// each phrasing specific). A question is compared with each by a weighted cosine of two TF-IDF vectors:
/// <list type="bullet">
/// <item>the analyzer's concepts (<see cref="QuestionAnalyzer"/>: synonyms, glossary and EDICT English → Japanese,
/// kana readings, typo correction) as their terms, each scaled by the concept's weight;</item>
/// <item>the characters: bigrams and trigrams of the normalised text including hiragana (so 決めとく and 決めておく,
/// どうすれば and どうしたら still share most of what they say), English as word stems.</item>
/// </list>
/// IDF is over the phrasings, so endings every question has (ですか, って) weigh little, and a word that no phrasing
/// holds (保険) lowers the similarity to all of them. A long message is compared whole and by its question sentence
/// (the better of the two counts), and sentence by sentence: each sentence's vote, weighted by what the sentence does
/// (<see cref="SentenceRoles"/>: a concern or the question counts most, the setting least), is blended into the
/// section's score, and the best such sentence's similarity is kept as evidence (<see cref="PhrasingVotes.BestSentence"/>).
/// </summary>
public sealed class PhrasingIndex
{
    /// <summary>Share of the concept vector in the similarity; the character vector has the rest.</summary>
    public const double ConceptShare = 0.5;

    /// <summary>A concept from a context sentence of a long message (or of a phrasing) weighs this share in the features.</summary>
    internal const double ContextConceptShare = 0.5;

    /// <summary>
    /// A concept from a sentence that only sets the scene (<see cref="Concept.Setting"/>) weighs this share, also when a
    /// vague question sentence made the situation the question's (ADR 0032, round 2; 5-fold harness: 0.15 → 650 exact /
    /// 251 another, 0.25 → 652 / 250, 0.35 → 649 / 249, 0.5 → 646 / 248 and one negative fewer; negatives 10 at each).
    /// </summary>
    internal const double SettingConceptShare = 0.25;

    private readonly IReadOnlyList<IndexedPhrasing> _entries;
    private readonly int[] _sectionOf;

    // Every feature of the phrasings has an id; concept terms and character grams are keyed without their "c:"/"g:"
    // prefix in two maps, so that a question's grams are looked up as spans of its text, never made into strings.
    private readonly Dictionary<string, int> _conceptIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _gramIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _conceptLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _gramLookup;
    private readonly double[] _idf;

    // Postings of feature f (the entries holding it, with its weight there): [_postingStart[f], _postingStart[f + 1]).
    private readonly int[] _postingStart;
    private readonly int[] _postingEntry;
    private readonly double[] _postingWeight;
    private readonly double _unseenIdf;
    private readonly FrozenSet<int> _covered;
    private readonly Lazy<PhrasingBayes> _bayes;
    private readonly Lazy<PhrasingLogistic> _logistic;

    // Per-question working memory, reused (one per concurrent question) so that a question allocates almost nothing here.
    private readonly ConcurrentBag<Scratch> _scratch = [];
    private Scratch? _lastScratch;

    private PhrasingIndex(IReadOnlyList<IndexedPhrasing> entries, List<Dictionary<string, double>> vectors)
    {
        _entries = entries;
        var sections = entries.Count == 0 ? 0 : entries.Max(e => e.Section) + 1;
        _bayes = new(() => PhrasingBayes.Build(entries, sections), LazyThreadSafetyMode.ExecutionAndPublication);
        _logistic = new(() => PhrasingLogistic.Build(entries, sections), LazyThreadSafetyMode.ExecutionAndPublication);
        _sectionOf = [.. entries.Select(e => e.Section)];
        _covered = entries.Where(e => e.Section >= 0).Select(e => e.Section).ToFrozenSet();
        _conceptLookup = _conceptIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _gramLookup = _gramIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var df = new List<int>();
        var ids = new List<int[]>(vectors.Count);
        foreach (var vector in vectors)
        {
            var vectorIds = new int[vector.Count];
            var k = 0;
            foreach (var feature in vector.Keys)
            {
                var map = feature[0] == 'c' ? _conceptLookup : _gramLookup;
                if (!map.TryGetValue(feature.AsSpan(2), out var id))
                {
                    map[feature.AsSpan(2)] = id = df.Count;
                    df.Add(0);
                }

                df[id]++;
                vectorIds[k++] = id;
            }

            ids.Add(vectorIds);
        }

        var n = Math.Max(1, entries.Count);
        _unseenIdf = Math.Log(1 + (n / 0.5));
        _idf = [.. df.Select(d => Math.Log(1 + (n / (d + 0.5))))];

        _postingStart = new int[df.Count + 1];
        for (var f = 0; f < df.Count; f++)
        {
            _postingStart[f + 1] = _postingStart[f] + df[f];
        }

        _postingEntry = new int[_postingStart[^1]];
        _postingWeight = new double[_postingStart[^1]];
        var filled = _postingStart[..^1];
        for (var i = 0; i < vectors.Count; i++)
        {
            var weights = new double[ids[i].Length];
            Normalised([.. vectors[i].Values], [.. vectors[i].Keys.Select(f => f[0] == 'c')], ids[i], weights);
            for (var k = 0; k < weights.Length; k++)
            {
                var at = filled[ids[i][k]]++;
                _postingEntry[at] = i;
                _postingWeight[at] = weights[k];
            }
        }
    }

    public static PhrasingIndex Empty { get; } = new([], []);

    /// <summary>
    /// The naive Bayes reading of the same entries (<see cref="PhrasingBayes"/>): <see cref="KnowledgeBase"/> builds it
    /// after the index is served; otherwise on first use.
    /// </summary>
    public PhrasingBayes Bayes => _bayes.Value;

    /// <summary>
    /// The softmax regression over the same entries (<see cref="PhrasingLogistic"/>): <see cref="KnowledgeBase"/> trains it
    /// after the index is served; otherwise on first use.
    /// </summary>
    public PhrasingLogistic Logistic => _logistic.Value;

    public IReadOnlyList<IndexedPhrasing> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>True when the section (by ordinal) has at least one phrasing.</summary>
    public bool Covers(int section) => _covered.Contains(section);

    /// <summary>Indexes the phrasings, analysing each as a question of <paramref name="index"/> would be.</summary>
    /// <param name="cache">Features of phrasings analysed by an earlier build with the same vocabulary
    /// (<paramref name="signature"/>); without it every phrasing is analysed.</param>
    public static PhrasingIndex Build(KnowledgeIndex index, IReadOnlyList<IndexedPhrasing> phrasings, PhrasingFeatureCache? cache = null, string signature = "") =>
        From(phrasings, Analyse(index.Vocabulary, phrasings, cache, signature));

    /// <summary>
    /// Each phrasing's features, in order: they need only the vocabulary, so <see cref="KnowledgeIndex.Build(string, Documents.DocumentCache?, PhrasingFeatureCache?)"/>
    /// reads the phrasings while it analyses the sections (<see cref="From"/> then indexes them).
    /// </summary>
    internal static IReadOnlyList<Dictionary<string, double>> Analyse(KnowledgeVocabulary vocabulary, IReadOnlyList<IndexedPhrasing> phrasings, PhrasingFeatureCache? cache = null, string signature = "")
    {
        Dictionary<string, double> Analyse(string text) => Features(vocabulary, text);
        return cache is null
            ? [.. phrasings.AsParallel().AsOrdered().Select(p => Analyse(p.Text))]
            : cache.Features(signature, phrasings, Analyse);
    }

    /// <summary>Indexes phrasings whose features <see cref="Analyse"/> gave, in the same order.</summary>
    internal static PhrasingIndex From(IReadOnlyList<IndexedPhrasing> phrasings, IReadOnlyList<Dictionary<string, double>> features) =>
        new(phrasings, [.. features]);

    /// <summary>
    /// How near each section's phrasings are to <paramref name="text"/>, and how near the nearest question the manual
    /// does not answer is. <paramref name="exclude"/> leaves one entry out (calibration compares each phrasing with all
    /// the others, never with itself).
    /// </summary>
    /// <param name="analyzed">The text already read by <see cref="KnowledgeIndex.Analyze"/> (the answerer has it), so that
    /// it is not read twice.</param>
    /// <param name="sentences">Each sentence's own vote, kept for one question with one <paramref name="exclude"/>: the
    /// answerer votes on the message and then on its situation (ADR 0048), which holds the same sentences.</param>
    public PhrasingVotes Vote(KnowledgeIndex index, string text, int exclude = -1, Question? analyzed = null, SentenceVotes? sentences = null)
    {
        var votes = new PhrasingVotes(index.Sections.Count);
        if (_entries.Count == 0)
        {
            return votes;
        }

        var scratch = Rent();
        try
        {
            var question = analyzed ?? index.Analyze(text);
            if (question.ListCueOfOnePart)
            {
                text = QuestionAnalyzer.WithoutListCues(text, question.IsEnglish);
            }

            var scores = Similarities(index, text, exclude, question, scratch);
            AddAll(votes, scores);
            if (question.SentenceCount > 1)
            {
                BySentence(index, question, exclude, scratch, votes, sentences);
            }
        }
        finally
        {
            Return(scratch);
        }

        return votes;
    }

    private void AddAll(PhrasingVotes votes, double[] scores)
    {
        var sections = _sectionOf;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > 0)
            {
                votes.Add(sections[i], scores[i], i);
            }
        }
    }

    /// <summary>How much a sentence of each role counts in the sentence vote (<see cref="BySentence"/>).</summary>
    internal static double RoleWeight(SentenceRole role, bool vagueQuestion) => role switch
    {
        SentenceRole.Concern => ConcernWeight,
        SentenceRole.Question => vagueQuestion ? VagueQuestionWeight : QuestionWeight,
        _ => SettingWeight,
    };

    // 5-fold harness (docs/decisions/0032-long-messages-sentence-by-sentence.md): the setting at 0.1 or 0 and the question sentence
    // at 0.5 did worse on the long phrasings; a vague question sentence at 0.25 or 1 the same or worse.
    internal const double ConcernWeight = 1.0;
    internal const double QuestionWeight = 1.0;
    internal const double VagueQuestionWeight = 0.5;
    internal const double SettingWeight = 0.25;

    /// <summary>At most this many sentences are compared one by one (the first ones; a message is cut at 1,000 characters).</summary>
    internal const int MaxSentences = 24;

    /// <summary>
    /// Each sentence of a long message compared on its own: per section, the role-weighted mean of each sentence's
    /// vote (<see cref="PhrasingVotes.Score"/>), and the similarity of the nearest phrasing to the best sentence that
    /// tells a concern or asks.
    /// </summary>
    private void BySentence(KnowledgeIndex index, Question question, int exclude, Scratch scratch, PhrasingVotes votes, SentenceVotes? kept)
    {
        var sectionCount = votes.SectionCount;
        var mixture = new double[sectionCount];
        var best = new double[sectionCount];
        var negative = 0.0;
        var total = 0.0;
        var reused = kept is null ? new PhrasingVotes(sectionCount) : null;
        for (var at = 0; at < question.Sentences.Count && at < MaxSentences; at++)
        {
            var sentence = question.Sentences[at];
            var weight = RoleWeight(sentence.Role, question.VagueQuestion);
            if (weight <= 0)
            {
                continue;
            }

            // A sentence an earlier vote of this question compared already (the situation's vote) is not read again.
            if (kept is null || !kept.TryGet(sentence.Text, exclude, out var one))
            {
                one = SentenceVote(index, sentence.Text, at, exclude, scratch, reused ?? new PhrasingVotes(sectionCount));
                kept?.Keep(sentence.Text, exclude, one);
            }

            if (one is null)
            {
                continue;
            }

            var telling = sentence.Role == SentenceRole.Concern || (sentence.Role == SentenceRole.Question && !question.VagueQuestion);
            for (var s = 0; s < sectionCount; s++)
            {
                mixture[s] += weight * one.Score(s);
                if (telling)
                {
                    best[s] = Math.Max(best[s], one.Top1(s));
                }
            }

            if (telling)
            {
                negative = Math.Max(negative, one.Negative);
            }

            total += weight;
        }

        if (total > 0)
        {
            for (var s = 0; s < sectionCount; s++)
            {
                mixture[s] /= total;
            }

            votes.BySentence(mixture, best, negative);
        }
    }

    /// <summary>
    /// One sentence's own vote (the <paramref name="at"/>-th of the message), into <paramref name="into"/>; null for a
    /// sentence without concepts, which does not vote.
    /// </summary>
    private PhrasingVotes? SentenceVote(KnowledgeIndex index, string sentence, int at, int exclude, Scratch scratch, PhrasingVotes into)
    {
        if (!SentenceAlone(index, sentence, at, scratch))
        {
            return null;
        }

        var alone = scratch.Alone;
        if (exclude >= 0 && exclude < alone.Length)
        {
            alone[exclude] = 0;
        }

        into.Clear();
        AddAll(into, alone);
        return into;
    }

    /// <summary>
    /// The similarity of one sentence (the <paramref name="at"/>-th of the message) to every entry, into
    /// <see cref="Scratch.Alone"/>; false for a sentence without concepts, which does not vote. The question sentence was
    /// compared on its own already when <see cref="Similarities"/> kept it: the same analysis, the same sums.
    /// </summary>
    private bool SentenceAlone(KnowledgeIndex index, string sentence, int at, Scratch scratch)
    {
        var alone = scratch.Alone;
        if (at == scratch.KeptFocus)
        {
            Array.Copy(scratch.Focus, alone, alone.Length);
            return scratch.FocusConcepts > 0;
        }

        Array.Clear(alone);
        var analysed = index.AnalyzeSentence(sentence);
        if (analysed.Concepts.Count == 0)
        {
            return false;
        }

        Accumulate(index, analysed, analysed.Text, scratch, alone);
        return true;
    }

    /// <summary>The section of the nearest phrasing, with the figures the answerer weighs (tests, tools).</summary>
    public PhrasingMatch Match(KnowledgeIndex index, string text, int exclude = -1)
    {
        var votes = Vote(index, text, exclude);
        var best = votes.Best;
        if (best < 0)
        {
            return new PhrasingMatch(-1, 0, 0, votes.Negative, null, votes.NegativeEntry < 0 ? null : _entries[votes.NegativeEntry].Text);
        }

        return new PhrasingMatch(best, votes.Top1(best), votes.RunnerUp(best), votes.Negative,
            _entries[votes.NearestEntry(best)].Text, votes.NegativeEntry < 0 ? null : _entries[votes.NegativeEntry].Text);
    }

    /// <summary>
    /// The similarity of the question to every entry: the better of the whole message (its first
    /// <see cref="QuestionAnalyzer.MaxQuestionLength"/> characters, as the analyser reads it) and its question sentence.
    /// </summary>
    private double[] Similarities(KnowledgeIndex index, string text, int exclude, Question question, Scratch scratch)
    {
        var scores = scratch.Scores;
        Array.Clear(scores);
        Accumulate(index, question, question.Text, scratch, scores);
        // A generic question sentence ("…What's the process?") alone is near whichever phrasing holds its generic word.
        if (question.SentenceCount > 1 && !question.GenericQuestion && FocusAt(question) is var focus and >= 0)
        {
            // The question sentence as the analyser split it (QuestionAnalyzer.QuestionSentence(text) in lower case: it
            // is analysed to the same concepts and features), unless an HTML entity &#X… would be stripped only once
            // lower-cased. The message's length without its markup stripped is computed only when needed: it is never
            // shorter than the analysed text.
            var sentence = question.Sentences[focus].Text;
            if (sentence.Length > 0
                && !sentence.Contains("&#x", StringComparison.Ordinal)
                && (sentence.Length < question.Text.Length - 2 || sentence.Length < TextNormalizer.Normalize(QuestionAnalyzer.Truncate(text).Text).Length - 2))
            {
                AtLeast(index, sentence, scratch, scores);
                scratch.KeepFocus(focus);
            }
            else if (sentence.Contains("&#x", StringComparison.Ordinal))
            {
                var written = QuestionAnalyzer.QuestionSentence(text);
                if (written.Length > 0 && written.Length < TextNormalizer.Normalize(QuestionAnalyzer.Truncate(text).Text).Length - 2)
                {
                    AtLeast(index, written, scratch, scores);
                }
            }
        }

        if (exclude >= 0 && exclude < scores.Length)
        {
            scores[exclude] = 0;
        }

        return scores;
    }

    /// <summary>The index of the message's question sentence (the last of <see cref="SentenceRole.Question"/>), or -1.</summary>
    private static int FocusAt(Question question)
    {
        for (var i = question.Sentences.Count - 1; i >= 0; i--)
        {
            if (question.Sentences[i].Role == SentenceRole.Question)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Raises each entry's score to its similarity with <paramref name="part"/> (a part of the message) where that is
    /// higher; the part's similarities stay in <see cref="Scratch.Alone"/> and its concept count in
    /// <see cref="Scratch.FocusConcepts"/>.
    /// </summary>
    private void AtLeast(KnowledgeIndex index, string part, Scratch scratch, double[] scores)
    {
        var alone = scratch.Alone;
        Array.Clear(alone);
        var analysed = index.AnalyzeSentence(part);
        scratch.FocusConcepts = analysed.Concepts.Count;
        Accumulate(index, analysed, analysed.Text, scratch, alone);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Max(scores[i], alone[i]);
        }
    }

    /// <summary>Adds the question's dot product with every entry to <paramref name="scores"/>, walking the postings of its features.</summary>
    private void Accumulate(KnowledgeIndex index, Question question, string key, Scratch scratch, double[] scores)
    {
        var sink = new QuerySink(this, scratch);
        Generate(index.Vocabulary, question, key, ref sink);
        var features = scratch.Features;
        var count = features.Count;
        var (ids, tfs, concept, weights) = scratch.Arrays(count);
        for (var k = 0; k < count; k++)
        {
            (ids[k], tfs[k], concept[k]) = features[k];
        }

        Normalised(tfs, concept, ids, weights.AsSpan(0, count));
        for (var k = 0; k < count; k++)
        {
            var f = ids[k];
            if (f < 0)
            {
                continue;
            }

            var weight = weights[k];
            for (var j = _postingStart[f]; j < _postingStart[f + 1]; j++)
            {
                scores[_postingEntry[j]] += weight * _postingWeight[j];
            }
        }

        scratch.Reset();
    }

    /// <summary>
    /// Each half (concepts, characters) weighted by IDF and scaled to unit length, then by its share, so the dot
    /// product of two such vectors is the weighted sum of the two cosines. <paramref name="ids"/> -1: a feature no
    /// entry holds (it weighs in the length with the highest IDF).
    /// </summary>
    private void Normalised(double[] tfs, bool[] concept, int[] ids, Span<double> result)
    {
        var count = result.Length;
        double conceptNorm = 0, gramNorm = 0;
        for (var k = 0; k < count; k++)
        {
            var weight = tfs[k] * (ids[k] >= 0 ? _idf[ids[k]] : _unseenIdf);
            if (concept[k])
            {
                conceptNorm += weight * weight;
            }
            else
            {
                gramNorm += weight * weight;
            }

            result[k] = weight;
        }

        var conceptScale = conceptNorm > 0 ? Math.Sqrt(ConceptShare / conceptNorm) : 0;
        var gramScale = gramNorm > 0 ? Math.Sqrt((1 - ConceptShare) / gramNorm) : 0;
        for (var k = 0; k < count; k++)
        {
            result[k] *= concept[k] ? conceptScale : gramScale;
        }
    }

    /// <summary>The features of a phrasing (read as written, without typo correction, which also keeps the build fast):
    /// its concepts' terms ("c:") and its character n-grams ("g:"), each with a term weight.</summary>
    internal static Dictionary<string, double> Features(KnowledgeIndex index, string text) => Features(index.Vocabulary, text);

    private static Dictionary<string, double> Features(KnowledgeVocabulary vocabulary, string text)
    {
        var sink = new DictionarySink([]);
        Generate(vocabulary, QuestionAnalyzer.AnalyzeWords(text, vocabulary), TextNormalizer.Key(QuestionAnalyzer.StripMarkup(text)), ref sink);
        return sink.Features;
    }

    /// <summary>
    /// A text's features in a fixed order: each concept's terms, scaled by the concept's weight (context halved, setting
    /// quartered); then the characters of <paramref name="key"/> (its normalised text, kana read and synonyms applied): for each run of
    /// letters other than ASCII, its non-hiragana unigrams, bigrams and trigrams; then English words as stems.
    /// A feature met again keeps its first place and the larger weight.
    /// </summary>
    private static void Generate<TSink>(KnowledgeVocabulary vocabulary, Question question, string key, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        ConceptFeatures(question, ref sink);
        CharacterFeatures(TermAnalyzer.Canonicalize(vocabulary.ReadKana(key), vocabulary), ref sink);
    }

    private static void ConceptFeatures<TSink>(Question question, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        for (var i = 0; i < question.Concepts.Count; i++)
        {
            var concept = question.Concepts[i];
            var weight = concept.Weight * (concept.Setting ? SettingConceptShare : concept.Context ? ContextConceptShare : 1);
            for (var j = 0; j < concept.Forms.Count; j++)
            {
                var form = concept.Forms[j];
                if (form.SingleCharacter is { } c)
                {
                    sink.Add(true, [c], weight);
                }

                for (var t = 0; t < form.Terms.Count; t++)
                {
                    sink.Add(true, form.Terms[t], weight);
                }
            }
        }
    }

    private static void CharacterFeatures<TSink>(string canonical, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var start = -1;
        for (var i = 0; i <= canonical.Length; i++)
        {
            if (i < canonical.Length && char.IsLetterOrDigit(canonical[i]) && !char.IsAsciiLetterOrDigit(canonical[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                CharacterGrams(canonical.AsSpan(start, i - start), ref sink);
                start = -1;
            }
        }

        if (canonical.AsSpan().ContainsAny(AsciiLetters))
        {
            foreach (var word in TermAnalyzer.LatinWords(canonical))
            {
                if (word.Length > 1 && !char.IsAsciiDigit(word[0]))
                {
                    sink.Add(false, TermAnalyzer.EnglishStem(word), 1);
                }
            }
        }

        static void CharacterGrams(ReadOnlySpan<char> s, ref TSink sink)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (!TermAnalyzer.IsHiragana(s[i]))
                {
                    sink.Add(false, s.Slice(i, 1), 1);
                }
            }

            for (var i = 0; i + 1 < s.Length; i++)
            {
                sink.Add(false, s.Slice(i, 2), 1);
                if (i + 2 < s.Length)
                {
                    sink.Add(false, s.Slice(i, 3), 1);
                }
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>
    /// A scratch for one question: the one kept in <see cref="_lastScratch"/> (a question at a time, the usual case,
    /// takes and returns it without a lock), else one of the bag, else a new one.
    /// </summary>
    private Scratch Rent()
    {
        var scratch = Interlocked.Exchange(ref _lastScratch, null) ?? (_scratch.TryTake(out var pooled) ? pooled : new Scratch(_entries.Count, _idf.Length));
        scratch.ForgetFocus();
        return scratch;
    }

    private void Return(Scratch scratch)
    {
        if (Interlocked.CompareExchange(ref _lastScratch, scratch, null) is not null)
        {
            _scratch.Add(scratch);
        }
    }

    private interface IFeatureSink
    {
        void Add(bool concept, ReadOnlySpan<char> feature, double weight);
    }

    /// <summary>A phrasing's features as a map (what <see cref="PhrasingFeatureCache"/> keeps between reloads).</summary>
    private readonly struct DictionarySink(Dictionary<string, double> features) : IFeatureSink
    {
        public Dictionary<string, double> Features => features;

        public void Add(bool concept, ReadOnlySpan<char> feature, double weight)
        {
            var name = string.Concat(concept ? "c:" : "g:", feature);
            features[name] = Math.Max(features.GetValueOrDefault(name), weight);
        }
    }

    /// <summary>A question's features as ids of the index's features (-1 for one no entry holds), in first-seen order.</summary>
    private readonly struct QuerySink(PhrasingIndex index, Scratch scratch) : IFeatureSink
    {
        public void Add(bool concept, ReadOnlySpan<char> feature, double weight)
        {
            if ((concept ? index._conceptLookup : index._gramLookup).TryGetValue(feature, out var id))
            {
                scratch.Add(id, concept, weight);
            }
            else
            {
                scratch.AddUnseen(concept, feature, weight);
            }
        }
    }

    /// <summary>One question's working memory: its features, where each feature id sits among them, and the score arrays.</summary>
    private sealed class Scratch(int entries, int featureIds)
    {
        private readonly int[] _slot = Enumerable.Repeat(-1, featureIds).ToArray();
        private readonly Dictionary<string, int> _unseenConcepts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _unseenGrams = new(StringComparer.Ordinal);
        private int[] _ids = new int[256];
        private double[] _tfs = new double[256];
        private bool[] _concept = new bool[256];
        private double[] _weights = new double[256];

        public List<(int Id, double Tf, bool Concept)> Features { get; } = new(256);

        public double[] Scores { get; } = new double[entries];

        public double[] Alone { get; } = new double[entries];

        /// <summary>The question sentence's similarities (a copy of <see cref="Alone"/>), for the sentence vote.</summary>
        public double[] Focus { get; } = new double[entries];

        /// <summary>The index of the sentence whose similarities <see cref="Focus"/> holds for this question, or -1.</summary>
        public int KeptFocus { get; private set; } = -1;

        /// <summary>How many concepts the question sentence held (a sentence without any is left out of the vote).</summary>
        public int FocusConcepts { get; set; }

        public void KeepFocus(int sentence)
        {
            Array.Copy(Alone, Focus, Alone.Length);
            KeptFocus = sentence;
        }

        public void ForgetFocus() => KeptFocus = -1;

        public void Add(int id, bool concept, double weight)
        {
            if (_slot[id] >= 0)
            {
                var at = _slot[id];
                Features[at] = (id, Math.Max(Features[at].Tf, weight), concept);
                return;
            }

            _slot[id] = Features.Count;
            Features.Add((id, weight, concept));
        }

        public void AddUnseen(bool concept, ReadOnlySpan<char> feature, double weight)
        {
            // Concept terms and grams are apart (as "c:"/"g:" keep them apart in a phrasing's map).
            var unseen = (concept ? _unseenConcepts : _unseenGrams).GetAlternateLookup<ReadOnlySpan<char>>();
            if (unseen.TryGetValue(feature, out var at))
            {
                Features[at] = (-1, Math.Max(Features[at].Tf, weight), concept);
                return;
            }

            unseen[feature] = Features.Count;
            Features.Add((-1, weight, concept));
        }

        public (int[] Ids, double[] Tfs, bool[] Concept, double[] Weights) Arrays(int count)
        {
            if (_ids.Length < count)
            {
                (_ids, _tfs, _concept, _weights) = (new int[count * 2], new double[count * 2], new bool[count * 2], new double[count * 2]);
            }

            return (_ids, _tfs, _concept, _weights);
        }

        public void Reset()
        {
            foreach (var (id, _, _) in Features)
            {
                if (id >= 0)
                {
                    _slot[id] = -1;
                }
            }

            Features.Clear();
            _unseenConcepts.Clear();
            _unseenGrams.Clear();
        }
    }
}

/// <summary>
/// The phrasing matcher's view of one question: per section the similarities of its three nearest phrasings, and the
/// similarity of the nearest question the manual does not answer.
/// </summary>
public sealed class PhrasingVotes
{
    /// <summary>
    /// How many nearest phrasings of a section count in its <see cref="Score"/> (k of a k-nearest-neighbour vote). With
    /// ~70 phrasings a section (session 16) k = 2, 4, 5, 7 and similarity- or rank-weighted means were measured, each
    /// with the decision refit, and none did better (docs/decisions/0070-vote-and-refit-on-staff-phrasings.md).
    /// </summary>
    public const int Neighbours = 3;

    // The similarities of each section's nearest phrasings, best first: section s at [s * Neighbours, (s + 1) * Neighbours).
    private readonly double[] _top;
    private readonly int[] _nearest;

    internal PhrasingVotes(int sections)
    {
        _top = new double[sections * Neighbours];
        _nearest = new int[sections];
        Array.Fill(_nearest, -1);
    }

    /// <summary>The similarity of the nearest question of <c>_not-in-manual.tsv</c> (0 when there is none).</summary>
    public double Negative { get; private set; }

    internal int NegativeEntry { get; private set; } = -1;

    public int SectionCount => _nearest.Length;

    /// <summary>The similarity of the section's nearest phrasing.</summary>
    public double Top1(int section) => section >= 0 && section < _nearest.Length ? _top[section * Neighbours] : 0;

    /// <summary>
    /// How much the sentence vote counts in <see cref="Score"/> of a long message (the whole message: the rest). 5-fold
    /// harness, long phrasings exact/group-or-part: 0.5 → 153/181, 0.75 → 156/185, 1.0 → 154/182.
    /// </summary>
    internal const double SentenceShare = 0.75;

    private double[]? _sentenceVote;
    private double[]? _bestSentence;

    /// <summary>
    /// The similarity of the section's nearest phrasing to the message's best sentence that tells a concern or asks
    /// (a long message; 0 otherwise): evidence that one sentence says what a phrasing says.
    /// </summary>
    public double BestSentence(int section) => _bestSentence is { } b && section >= 0 && section < b.Length ? b[section] : 0;

    /// <summary>The similarity of the nearest question the manual does not answer to the best sentence (see <see cref="BestSentence"/>).</summary>
    public double BestSentenceNegative { get; private set; }

    /// <summary>Empties the vote for the next sentence (<see cref="PhrasingIndex"/>'s sentence vote reuses one).</summary>
    internal void Clear()
    {
        Array.Clear(_top);
        Array.Fill(_nearest, -1);
        (Negative, NegativeEntry) = (0, -1);
    }

    internal void BySentence(double[] vote, double[] best, double negative) => (_sentenceVote, _bestSentence, BestSentenceNegative) = (vote, best, negative);

    /// <summary>
    /// What the answer decision weighs for the answering sections (the ranking's first and the unit): the similarity
    /// of their nearest phrasing and of the nearest question the manual does not answer. When one sentence of a long
    /// message is nearer a phrasing than the whole message is, that sentence's similarity counts, against the nearest
    /// negative to such a sentence as well (docs/decisions/0032-long-messages-sentence-by-sentence.md).
    /// </summary>
    public (double Nearest, double Negative) Evidence(int top, int unit)
    {
        var nearest = Math.Max(Top1(top), Top1(unit));
        var sentence = Math.Max(BestSentence(top), BestSentence(unit));
        return sentence > nearest ? (sentence, Math.Max(Negative, BestSentenceNegative)) : (nearest, Negative);
    }

    /// <summary>
    /// The mean similarity of the section's <see cref="Neighbours"/> nearest phrasings (missing ones count 0); in a long
    /// message blended with the sentence vote (<see cref="SentenceShare"/>).
    /// </summary>
    public double Score(int section)
    {
        if (section < 0 || section >= _nearest.Length)
        {
            return 0;
        }

        var whole = WholeScore(section);
        return _sentenceVote is { } v ? ((1 - SentenceShare) * whole) + (SentenceShare * v[section]) : whole;
    }

    /// <summary>The sentence vote alone (<see cref="Score"/>'s long-message part; 0 for one sentence).</summary>
    internal double SentenceScore(int section) => _sentenceVote is { } v && section >= 0 && section < v.Length ? v[section] : 0;

    internal double WholeScore(int section)
    {
        var sum = 0.0;
        for (var k = 0; k < Neighbours; k++)
        {
            sum += _top[(section * Neighbours) + k];
        }

        return sum / Neighbours;
    }

    /// <summary>The nearest phrasing of any other section.</summary>
    public double RunnerUp(int section)
    {
        var best = 0.0;
        for (var s = 0; s < _nearest.Length; s++)
        {
            if (s != section)
            {
                best = Math.Max(best, _top[s * Neighbours]);
            }
        }

        return best;
    }

    /// <summary>The section with the highest <see cref="Score"/>, or -1 when no phrasing shares anything with the question.</summary>
    public int Best
    {
        get
        {
            var best = -1;
            for (var s = 0; s < _nearest.Length; s++)
            {
                if (_top[s * Neighbours] > 0 && (best < 0 || Score(s) > Score(best)))
                {
                    best = s;
                }
            }

            return best;
        }
    }

    internal int NearestEntry(int section) => _nearest[section];

    internal void Add(int section, double similarity, int entry)
    {
        if (section < 0)
        {
            if (similarity > Negative)
            {
                Negative = similarity;
                NegativeEntry = entry;
            }

            return;
        }

        var first = section * Neighbours;
        if (section >= _nearest.Length || similarity <= _top[first + Neighbours - 1])
        {
            return;
        }

        var at = Neighbours - 1;
        while (at > 0 && _top[first + at - 1] < similarity)
        {
            _top[first + at] = _top[first + at - 1];
            at--;
        }

        _top[first + at] = similarity;
        if (at == 0)
        {
            _nearest[section] = entry;
        }
    }
}

/// <summary>
/// The phrasing vote of each sentence of one question's message, kept while that question is answered: the answerer
/// votes on the whole message and then, when the decision needs it, on its situation alone (ADR 0048), whose sentences
/// are the message's again; each is read and compared once (ADR 0053-answer-cost). A sentence without concepts is kept
/// as null (it does not vote).
/// </summary>
public sealed class SentenceVotes
{
    private readonly Dictionary<string, PhrasingVotes?> _votes = new(StringComparer.Ordinal);
    private int _exclude = -1;

    internal bool TryGet(string sentence, int exclude, out PhrasingVotes? votes)
    {
        votes = null;
        return exclude == _exclude && _votes.TryGetValue(sentence, out votes);
    }

    internal void Keep(string sentence, int exclude, PhrasingVotes? votes)
    {
        if (exclude != _exclude)
        {
            // Votes with another phrasing left out are other votes.
            _votes.Clear();
            _exclude = exclude;
        }

        _votes[sentence] = votes;
    }
}
