using System.Text.RegularExpressions;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Turns what a user typed into a <see cref="Question"/>: cut to <see cref="MaxQuestionLength"/>, markup removed,
/// normalised (NFKC, width, case), list wording detected, question wrappers stripped (〜とは, 〜を教えて, 〜ですか,
/// 〜について, "what does … mean"), then split into concepts: Japanese through the synonym list, English through the
/// glossary.
/// </summary>
public static partial class QuestionAnalyzer
{
    public const int MaxQuestionLength = 1_000;

    /// <summary>Kanji words that ask rather than say: they never decide which section answers.</summary>
    private static readonly HashSet<string> JapaneseQuestionWords = new(StringComparer.Ordinal)
    {
        "何", "誰", "何故", "如何", "内容", "意味", "詳細", "概要", "教", "説明", "具体的", "本当", "記載", "質問", "回答",
        // Words that frame a question in casual or long messages (the reason, the way, the plan, "in the manual") and
        // say nothing about which section answers it.
        "原因", "理由", "方法", "場合", "予定", "今後", "マニュアル", "一緒", "最初", "全体", "全体像", "用意", "実際",
        "結局", "必要", "大事", "注意", "特", "基本", "基本的", "一通", "正直", "感", "気", "確認", "参考", "自分",
        // How casual messages frame a question: the way of doing (やり方, 〜した方がいい), hearsay and the manual itself
        // (〜って話, 〜って聞いた, 〜に載ってる, 〜って書いてある), and filler (マジ, 今度, 普通, 思う, 言われた).
        "方", "話", "聞", "載", "書", "マジ", "今度", "普通", "思", "言",
        // Which part of the manual and how it is divided (「行動規範で参考になる部分」「何個の区分に分かれて」): where to
        // look, not what about (ADR 0059).
        "部分", "区分", "位置付",
    };

    /// <summary>
    /// Words that name the manual's rules as a whole or the city's stance (方針, 規範, 原則, ルール, 市, "policy") rather
    /// than a matter: a question sentence made only of them (「方針ではどう考えれば？」) leaves the matter to the situation.
    /// </summary>
    private static readonly HashSet<string> FramingWords = new(StringComparer.Ordinal)
    {
        "方針", "規範", "行動規範", "原則", "ルール", "考", "考え方", "市", "定", "決", "決まり", "指針", "ガイドライン", "基準", "計画",
        "立場", "見解", "扱", "対応", "判断", "見", "行政", "市役所", "規則", "約束", "約束事", "約束ごと", "心構", "姿勢",
        "policy", "policies", "rule", "rules", "principle", "principles", "code", "conduct", "guideline", "guidelines",
        "city", "stance", "view", "position", "approach", "handle", "think",
    };

    /// <summary>
    /// Words that say a question wants steps or a way forward without saying about what (手続き, 方法, "process").
    /// </summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "手続", "手続き", "方法", "やり方", "仕方", "流れ", "手順", "対処", "対処法", "進め方", "段取", "段取り", "プロセス", "次",
        "相談", "相談先",
        "process", "procedure", "procedures", "step", "steps", "method", "methods", "proceed", "next", "fix", "solve",
        "solution", "options", "option", "advice", "recommend", "talk", "consult", "consultation",
    };

    /// <summary>True for a word that asks for steps or a way forward without naming a matter (<see cref="GenericWords"/>).</summary>
    public static bool IsGenericWord(string key) => GenericWords.Contains(key);

    /// <summary>True for a word that frames a question by the manual's rules or the city's stance (<see cref="FramingWords"/>).</summary>
    public static bool IsFramingWord(string key) => FramingWords.Contains(key);

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "into", "onto", "about", "as",
        "and", "or", "but", "if", "than", "then", "so", "that", "this", "these", "those", "there", "here", "it", "its",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing", "have", "has",
        "had", "having", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "need", "needs",
        "what", "which", "who", "whom", "whose", "how", "why", "when", "where", "whether",
        "i", "me", "my", "we", "us", "our", "you", "your", "they", "them", "their", "he", "she", "his", "her",
        "s", "t", "d", "ll", "re", "ve", "m", "not", "no", "yes", "any", "some", "all", "each", "every", "much", "many",
        "more", "most", "other", "such", "own", "same", "very", "just", "also", "too", "only", "please", "kindly", "thanks",
        "mean", "means", "meant", "meaning", "tell", "explain", "describe", "say", "says", "said", "know", "want",
        "get", "gets", "got", "found", "make", "makes", "take", "takes", "give", "gives", "go", "goes", "come", "use", "used",
        "using", "find", "see", "look", "show", "list", "like", "kind", "kinds", "type", "types", "thing", "things",
        "way", "ways", "one", "ones", "something", "anything", "manual", "written", "write", "happen", "happens",
        "face", "faces", "deal", "handle", "work", "works", "hi", "hello", "hey", "ok", "okay", "please",
        "main", "major", "key", "biggest", "big", "overall", "general", "basic", "better", "good", "best", "really",
        "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "itself", "themselves", "ourselves",
        // The same negations typed without the apostrophe ("why dont many citizens join?"; ADR 0062).
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont", "couldnt", "shouldnt", "wouldnt",
        "exactly", "actually", "basically", "simply", "specifically", "currently", "certainly", "probably",
        // The future ("is the city going to expand …", "gonna"): the tense, as "will" is (docs/decisions/0058-english-staff-questions.md).
        "going", "gonna",
        // What frames a question as 理由 and 原因 do in Japanese ("what's the reason given?"), and the forms of "give".
        "reason", "reasons", "given", "gave", "giving",
    };


    public static Question Analyze(string? raw, KnowledgeVocabulary vocabulary) => Read(raw, vocabulary, whole: true);

    /// <summary>
    /// The text's words only (<see cref="Analyze"/> without what the question asks for: a request, the kind of fact or
    /// answer, the actors named), which only the answer to the whole message reads: a phrasing's features and each
    /// sentence of a long message need its concepts and text, and are read so (ADR 0053-answer-cost).
    /// </summary>
    internal static Question AnalyzeWords(string? raw, KnowledgeVocabulary vocabulary) => Read(raw, vocabulary, whole: false);

    private static Question Read(string? raw, KnowledgeVocabulary vocabulary, bool whole)
    {
        var (text, truncated) = Truncate(raw ?? "");
        var (key, isEnglish) = ReadKey(text, vocabulary);
        var (sentences, afterthought) = WithoutListAfterthoughts(Sentences(key, isEnglish), isEnglish);
        var focusAt = FocusSentence(sentences, isEnglish);
        var (focus, asking, first, core, asksForList, concepts) = ReadFocus(sentences, key, focusAt, isEnglish, vocabulary);
        var others = OtherSentences(sentences, first, focusAt);
        asksForList |= afterthought;

        // The sentences around the question: those that tell a concern first (their concepts win a word both hold),
        // then the setting.
        var roles = SentenceRoles.Of(sentences, first, focusAt, isEnglish);
        // Another sentence that asks (「前にも同じことがあったのでしょうか？」 before 「市はどう考えていますか？」) says what the
        // message is about as much as a concern does: it counts as one; a fact it asks for (いつ, いくら) caps the
        // answer through OtherQuestionExpects (ADR 0034) (5-fold harness: exact 672 → 675, another 252 → 249, negatives 11).
        roles = [.. roles.Select(r => r.Role == SentenceRole.Setting && Asks(r.Text, isEnglish) ? r with { Role = SentenceRole.Concern } : r)];
        AddContext(concepts, roles, isEnglish, vocabulary);

        if (!whole)
        {
            return new Question(key, core, isEnglish, asksForList, truncated, concepts) { SentenceCount = sentences.Count, Sentences = roles };
        }

        var isRequest = IsRequestSentence(focus, isEnglish);
        var position = PositionCue.Of(focus, isEnglish);
        return new Question(key, core, isEnglish, asksForList, truncated, concepts)
        {
            IsRequest = isRequest,
            AlsoRequests = isRequest || OtherSentenceRequests(sentences, first, focusAt, isEnglish),
            Expects = FocusAsks(sentences, focusAt, isEnglish) && ExpectedAnswer(asking, isEnglish) is var kind && kind != AnswerKind.Any
                ? kind
                : OtherQuestionExpects(sentences, first, focusAt, isEnglish),
            SentenceCount = sentences.Count,
            Sentences = roles,
            AsksKind = AskedKindOf(focus, others, isEnglish),
            NamesActors = NamedParties(focus, others, isEnglish),
            AsksForEach = FacetCue.AsksForEach(focus, isEnglish),
            Position = position?.Position ?? 0,
            PositionHead = position?.Head ?? "",
            PositionInGroup = PositionCue.Partitive(focus, isEnglish),
            AsksWhatTheManualSays = ManualCue.AsksWhatItSays(focus, isEnglish)
                || others.Any(s => Asks(s, isEnglish) && ManualCue.AsksWhatItSays(s, isEnglish)),
            Names = isEnglish ? WrittenNames(TextNormalizer.Normalize(StripMarkup(text))) : [],
        };
    }

    /// <summary>
    /// The question sentence as read: with the sentence before it when it has no content of its own or names nothing but
    /// a fact (then <c>Asking</c> is the sentence itself, whose fact is asked); <c>First</c> is the first sentence read.
    /// </summary>
    private static (string Focus, string Asking, int First, string Core, bool AsksForList, List<Concept> Concepts) ReadFocus(
        List<string> sentences, string key, int focusAt, bool isEnglish, KnowledgeVocabulary vocabulary)
    {
        var focus = sentences.Count == 0 ? key : sentences[focusAt];
        var (asked, besides) = WithoutWhatIsKnown(WithoutPointingBack(focus, focusAt, isEnglish), isEnglish);
        var (core, asksForList, concepts) = AnalyzeSentence(asked, isEnglish, vocabulary);
        asksForList |= besides;

        // A question sentence with no content of its own ("so what should we do?") is read with the sentence before it;
        // so is a Japanese fact question naming nothing but the fact right after a question (「コーディネーター研修って
        // 誰でも受けられますか？何時間くらいですか？」): it asks a detail of that question's matter, which then ranks and is
        // offered by a refusal — the fact asked for is still the sentence's own (Asking).
        var detail = !isEnglish && concepts.Count > 0 && focusAt > 0 && Asks(sentences[focusAt - 1], isEnglish)
            && ExpectedAnswer(focus, isEnglish) != AnswerKind.Any && NamesOnlyFacts(focus);
        var asking = detail ? focus : null;
        var first = focusAt;
        while (first > 0 && (concepts.Count == 0 || detail))
        {
            detail = false;
            first--;
            focus = sentences[first] + " " + focus;
            (core, asksForList, concepts) = AnalyzeSentence(focus, isEnglish, vocabulary);
        }

        asking ??= focus;
        return (focus, asking, first, core, asksForList, concepts);
    }

    /// <summary>
    /// Adds the concepts of the sentences around the question as context: a concern's first, then the setting's; a word
    /// the question sentence or a concern holds already keeps its place.
    /// </summary>
    private static void AddContext(List<Concept> concepts, IReadOnlyList<MessageSentence> roles, bool isEnglish, KnowledgeVocabulary vocabulary)
    {
        var keys = concepts.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (role, setting) in new[] { (SentenceRole.Concern, false), (SentenceRole.Setting, true) })
        {
            var part = roles.Where(r => r.Role == role).Select(r => r.Text).ToList();
            if (part.Count > 0)
            {
                var (_, _, background) = AnalyzeSentence(string.Join(" ", part), isEnglish, vocabulary);
                concepts.AddRange(background.Where(c => keys.Add(c.Key)).Select(c => c with { Context = true, Setting = setting }));
            }
        }
    }

    /// <summary>
    /// 「…何をしてくれるんですか？全部で。」, "What does the city do for NPOs? Everything, please.": another sentence that says
    /// only "all of it" asks for the question before it as a list (docs/decisions/0062-groups-ordinals-and-the-rest.md).
    /// </summary>
    private static bool IsListAfterthought(string sentence, bool isEnglish) =>
        (isEnglish ? EnglishListAfterthought() : JapaneseListAfterthought()).IsMatch(sentence);

    /// <summary>
    /// The sentences without such afterthoughts, and whether there was one: it is no sentence of a situation, so
    /// "What does the city do for NPOs? Everything, please." is read as the one question it is
    /// (docs/decisions/0069-staff-questions-as-phrasings.md).
    /// </summary>
    private static (List<string> Sentences, bool Afterthought) WithoutListAfterthoughts(List<string> sentences, bool isEnglish)
    {
        if (sentences.Count < 2 || !sentences.Skip(1).Any(s => IsListAfterthought(s, isEnglish)))
        {
            return (sentences, false);
        }

        return ([sentences[0], .. sentences.Skip(1).Where(s => !IsListAfterthought(s, isEnglish))], true);
    }

    /// <summary>
    /// The kind of answer the question sentence asks for (<see cref="FacetCue.Kind"/>); when it says none ("what did the
    /// survey find?"), that of another sentence of the message that asks ("why don't many citizens join?"), as
    /// <see cref="NamedParties"/> reads the parties.
    /// </summary>
    private static AskedKind AskedKindOf(string focus, IEnumerable<string> others, bool isEnglish) =>
        CueOfTheQuestion(focus, others, isEnglish, FacetCue.Kind);

    /// <summary>
    /// The parties the question sentence names (<see cref="FacetCue.Actors"/>); when it names none, those of another
    /// sentence of the message that asks: 「市はNPOのために何をしてくれるんですか？取り組みを全部教えてください」 asks for
    /// the NPOs' measures (docs/decisions/0062-groups-ordinals-and-the-rest.md).
    /// </summary>
    private static SectionActor NamedParties(string focus, IEnumerable<string> others, bool isEnglish) =>
        CueOfTheQuestion(focus, others, isEnglish, FacetCue.Actors);

    /// <summary>
    /// What <paramref name="cue"/> reads in the question sentence; when it reads nothing (the enum's default, Any or
    /// None), what it reads in the first other sentence of the message that asks.
    /// </summary>
    private static T CueOfTheQuestion<T>(string focus, IEnumerable<string> others, bool isEnglish, Func<string, bool, T> cue)
        where T : struct, Enum
    {
        var own = cue(focus, isEnglish);
        return !EqualityComparer<T>.Default.Equals(own, default)
            ? own
            : others.Where(s => Asks(s, isEnglish)).Select(s => cue(s, isEnglish)).FirstOrDefault(v => !EqualityComparer<T>.Default.Equals(v, default));
    }

    /// <summary>
    /// The words an English message writes as names (lower-cased): in capitals ("VLOOKUP", "HR") or capitalised inside a
    /// sentence ("in Excel", "the Local Autonomy Act") — English marks a product, a place, a body or a law so. Not a
    /// sentence in title case (its small words capitalised too), not a word the message also writes in lower case, and
    /// not a romaji word ("Mirai", "Shimin"), which may be the manual's own word spelled out, and not a part referred to
    /// by its number ("Chapter 4").
    /// </summary>
    private static HashSet<string> WrittenNames(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var notNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in Sentences(text, isEnglish: true))
        {
            var words = LatinWord().Matches(sentence).Select(m => m.Value).ToList();
            // Title case capitalises the small words too ("What Does The Policy Say"); a name does not ("the Local Autonomy Act").
            var titleCase = words.Skip(1).Any(w => w != "I" && char.IsUpper(w[0]) && EnglishStopWords.Contains(w.ToLowerInvariant()));
            var numbered = NumberedPart().Matches(sentence).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                if (!char.IsUpper(word[0]) || numbered.Contains(word))
                {
                    notNames.Add(word.ToLowerInvariant());
                }
                else if (word.Count(char.IsUpper) >= 2 || (i > 0 && word != "I" && !titleCase))
                {
                    names.Add(word.ToLowerInvariant());
                }
            }
        }

        names.RemoveWhere(n => notNames.Contains(n) || RomajiReader.IsRomaji(n));
        return names;
    }

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LatinWord();

    /// <summary>A part referred to by its number ("Chapter 4", "Article 3", "Floor 5"): a reference, not a name.</summary>
    [GeneratedRegex(@"\b([A-Z][a-z]+)\s+(?:\d|[IVX]+\b)")]
    private static partial Regex NumberedPart();

    /// <summary>
    /// Whether the focus sentence's own fact counts: always for a message of one sentence (「窓口の電話番号は」 asks by
    /// its words alone), otherwise only when the focus asks or says the writer wants to know (確認したい, 知りたい, "I'd
    /// like to know"). A message of several sentences none of which asks is a story told (「…会の方は『歴史を正しく
    /// 伝えること』が一番大事で人数は二の次だと言い出して、半年間なんだったんだろうという気持ちです。」): its last
    /// sentence is the focus only for want of a question, and the fact its words name (人数) is not asked for.
    /// </summary>
    private static bool FocusAsks(List<string> sentences, int focusAt, bool isEnglish) =>
        sentences.Count <= 1 || Asks(sentences[focusAt], isEnglish) || WishToKnow().IsMatch(sentences[focusAt]);

    /// <summary>
    /// The fact asked for by a question sentence other than the focus (「申請の締切はいつですか？あと、役割分担はどう
    /// 決めれば？」): the first such sentence that reads as a question and asks for a date, an amount, a count …
    /// (docs/decisions/0034-every-question-sentence-counts.md). Sentences that only tell (「締切が迫っています。」) are not read.
    /// </summary>
    private static AnswerKind OtherQuestionExpects(List<string> sentences, int first, int focusAt, bool isEnglish) =>
        OtherSentences(sentences, first, focusAt)
            .Where(s => AsksForItself(s, isEnglish))
            .Select(s => ExpectedAnswer(s, isEnglish))
            .FirstOrDefault(kind => kind != AnswerKind.Any, AnswerKind.Any);

    /// <summary>
    /// True for another sentence whose fact the writer asks for: one that asks, unless it only tells what happened
    /// (「受付を誰がやるかで揉めました。」) — a question someone asked the writer, told in the past, still counts
    /// (「電話番号は何番かと聞かれました。」, "A resident asked me how much …").
    /// </summary>
    private static bool AsksForItself(string sentence, bool isEnglish) =>
        isEnglish
            ? Asks(sentence, true) || EnglishReportedQuestion().IsMatch(sentence)
            : Asks(sentence, false) && (!JapaneseNarration().IsMatch(sentence) || JapaneseReportedQuestion().IsMatch(sentence));

    /// <summary>
    /// The question sentences of a message that ask for a fact (a date, an amount, a contact, a form, how to apply, a
    /// count: <see cref="ExpectedAnswer"/>), and the message without them — the other question asked alone
    /// (docs/decisions/0037-two-questions-one-message.md). Null when no sentence asks for a fact or no other
    /// sentence asks anything: then there is no second question to answer. The sentences are the asker's own writing
    /// (widths kept, as <see cref="TextNormalizer.Prose"/>), to be quoted back in the reply.
    /// </summary>
    public static FactSplit? SplitFactQuestions(string? raw)
    {
        var prose = TextNormalizer.Prose(StripMarkup(Truncate(raw ?? "").Text)).Trim();
        var isEnglish = !LanguageResolver.ContainsJapanese(prose) && prose.Any(char.IsAsciiLetter);
        var sentences = (isEnglish ? EnglishProseSentenceEnd() : JapaneseProseSentenceEnd()).Split(prose)
            .Select(p => p.Trim()).Where(p => p.Any(char.IsLetterOrDigit)).ToList();
        if (sentences.Count < 2)
        {
            return null;
        }

        var keys = sentences.Select(TextNormalizer.Key).ToList();
        var focusAt = FocusSentence(keys, isEnglish);
        var facts = new List<MissingFact>();
        var rest = new List<string>();
        var restAsks = false;
        var afterFact = false;
        var afterQuestion = false;
        var oneMatter = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            // As Analyze reads the focus: its kind counts even when it does not read as a question (FocusAsks).
            var kind = Asks(keys[i], isEnglish) || (i == focusAt && FocusAsks(keys, focusAt, isEnglish)) ? ExpectedAnswer(keys[i], isEnglish) : AnswerKind.Any;
            if (afterFact && (isEnglish ? EnglishFollowsOn() : JapaneseFollowsOn()).IsMatch(keys[i]))
            {
                // A sentence right after a fact question that goes on with it (「あればどこから取れますか」, "if so,
                // where …", 「それはどこに置いてありますか」) asks about the same missing fact, not a second matter,
                // whatever fact it names itself.
                facts[^1] = facts[^1] with { Sentence = facts[^1].Sentence + (isEnglish ? " " : "") + Quotable(sentences[i], isEnglish) };
            }
            else if (kind != AnswerKind.Any)
            {
                facts.Add(new MissingFact(Quotable(isEnglish ? sentences[i] : AfterTheSetting(sentences[i], kind), isEnglish), kind));
                afterFact = true;
                // 「職員向けの協働基本研修って必修？何時間？」: a fact question naming nothing else, right after a question,
                // asks one more detail of the same matter — the message asks for details, and its other question is
                // not a second matter to answer alone.
                oneMatter |= afterQuestion && !isEnglish && NamesOnlyFacts(keys[i]);
            }
            else
            {
                rest.Add(sentences[i]);
                // 「…電話番号は変わるのかと問い合わせがありました。どう答えればいいでしょうか。」: how to answer asks for the
                // fact itself, not a second matter.
                var asks = AsksOutright(keys[i], isEnglish) && !(isEnglish ? EnglishHowToAnswer() : JapaneseHowToAnswer()).IsMatch(keys[i]);
                restAsks |= asks;
                afterQuestion = asks;
                afterFact = false;
                continue;
            }

            afterQuestion = false;
        }

        return facts.Count > 0 && restAsks && !oneMatter ? new FactSplit(string.Join("\n", rest), facts) : null;
    }

    /// <summary>
    /// True for a sentence that is a question by its ending (？, か, の, でしょう, 教えてください …; in English ? or a
    /// question word first), not only one holding a question word: in 「引き継ぎを誰がやるのか決まっていないので困って
    /// います。」 or 「上司の言い方がいつも…つらいです。」 誰 and いつ are part of a story, and a story is no second
    /// question to answer beside a fact the manual lacks.
    /// </summary>
    private static bool AsksOutright(string sentence, bool isEnglish) =>
        isEnglish ? EnglishQuestionSentence().IsMatch(sentence) : JapaneseOutrightQuestion().IsMatch(sentence);

    [GeneratedRegex(@"(?:\?|か|かな|かね|の|でしょう|教えて(?:ください|下さい|ほしい|欲しい)?|知りたい(?:です)?)[。!\s]*$")]
    private static partial Regex JapaneseOutrightQuestion();

    /// <summary>
    /// A Japanese sentence to quote back in Japanese prose: the ? and ! that the chat (or NFKC before us) made half
    /// width are full width again, as 「…ですか？」 reads.
    /// </summary>
    /// <summary>
    /// The part of a Japanese fact question to quote back: after a clause that only sets the scene and ends in a
    /// conjunction (「来月NPOさんと子ども食堂を始めるんですが、申請の締切はいつですか？」 → 「申請の締切はいつですか？」), as long as
    /// that part still asks for the fact; the whole sentence otherwise (「補助金は、いつ交付されますか？」 keeps its topic).
    /// </summary>
    private static string AfterTheSetting(string sentence, AnswerKind kind)
    {
        foreach (var split in SettingClauseEnd().Matches(sentence).Reverse())
        {
            var rest = sentence[(split.Index + split.Length)..].Trim();
            if (rest.Length >= 4 && ExpectedAnswer(TextNormalizer.Key(rest), isEnglish: false) == kind)
            {
                return rest;
            }
        }

        return sentence;
    }

    [GeneratedRegex(@"(?:けど|けれど|けれども|ですが|んだが|ますが|ので|から)[、，,]")]
    private static partial Regex SettingClauseEnd();

    private static string Quotable(string sentence, bool isEnglish) =>
        isEnglish ? sentence : sentence.Replace('?', '？').Replace('!', '！');

    /// <summary>
    /// True when a sentence other than the focus asks the bot to act (「会議室を予約してください。14時から空いてますか？」),
    /// in the imperative forms only: a bare closing (「よろしくお願いします」) and a story's 「〜して。」 are not requests.
    /// </summary>
    private static bool OtherSentenceRequests(List<string> sentences, int first, int focusAt, bool isEnglish) =>
        OtherSentences(sentences, first, focusAt).Any(s => isEnglish
            ? EnglishRequest().IsMatch(s)
            : JapanesePoliteRequest().IsMatch(s) && !JapaneseInformationRequest().IsMatch(s));

    /// <summary>The sentences of a message outside the question sentence (from <paramref name="first"/> to <paramref name="focusAt"/>).</summary>
    private static IEnumerable<string> OtherSentences(List<string> sentences, int first, int focusAt) =>
        sentences.Where((_, i) => i < first || i > focusAt);

    private static (string Core, bool AsksForList, List<Concept> Concepts) AnalyzeSentence(string text, bool isEnglish, KnowledgeVocabulary vocabulary)
    {
        var (withoutCues, asksForList) = isEnglish ? RemoveEnglishListCues(text) : RemoveJapaneseListCues(text);
        var core = StripWrappers(withoutCues, isEnglish);
        var concepts = isEnglish ? EnglishConcepts(core, vocabulary) : JapaneseConcepts(core, vocabulary);
        return (core, asksForList, concepts);
    }

    /// <summary>
    /// The sentence that asks, in the user's own writing (NFKC, case kept): the whole text when it is one sentence.
    /// </summary>
    public static string QuestionSentence(string text)
    {
        var normalized = TextNormalizer.Normalize(StripMarkup(Truncate(text).Text)).Trim();
        var isEnglish = !LanguageResolver.ContainsJapanese(normalized) && normalized.Any(char.IsAsciiLetter);
        var sentences = Sentences(normalized, isEnglish);
        return sentences.Count <= 1 ? normalized : sentences[FocusSentence([.. sentences.Select(TextNormalizer.Key)], isEnglish)];
    }

    /// <summary>The sentences of a message (。 ? ! and line breaks end one; in English also ". ").</summary>
    public static List<string> Sentences(string key, bool isEnglish)
    {
        var parts = (isEnglish ? EnglishSentenceEnd() : JapaneseSentenceEnd()).Split(key);
        return [.. parts.Select(p => p.Trim()).Where(p => p.Any(char.IsLetterOrDigit))];
    }

    /// <summary>
    /// A bare word or two typed as if into a search box ("link", 「太字 斜体 code」 once the markup is gone): one short
    /// sentence that neither asks nor requests. Its phrasing evidence is one shared word with a short staff question,
    /// so it is answered only from the manual's own words (docs/decisions/0069-staff-questions-as-phrasings.md).
    /// </summary>
    public static bool IsBareWords(Question question) =>
        question.SentenceCount <= 1 && !question.IsRequest && question.Text.Length <= BareWordsLength
        && !Asks(question.Text, question.IsEnglish) && !question.AsksForList;

    private const int BareWordsLength = 20;

    /// <summary>True for a sentence that asks (ends in ？/か or holds a question word), as <see cref="FocusSentence"/> reads it.</summary>
    private static bool Asks(string sentence, bool isEnglish) =>
        (isEnglish ? EnglishQuestionSentence() : JapaneseQuestionSentence()).IsMatch(sentence);

    /// <summary>
    /// The sentence that asks: the last one that reads as a question (ends in ? or か, or uses a question word),
    /// else the last sentence. In a long message the sentences before it are context.
    /// </summary>
    private static int FocusSentence(IReadOnlyList<string> sentences, bool isEnglish)
    {
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            if (Asks(sentences[i], isEnglish))
            {
                return i;
            }
        }

        return Math.Max(0, sentences.Count - 1);
    }

    /// <summary>What kind of fact the question sentence asks for, when it asks for one (a date, an amount …).</summary>
    public static AnswerKind ExpectedAnswer(string sentence, bool isEnglish)
    {
        // Staff who write in English keep the programme's Japanese name ("Is there a fee for the 社会福祉ボランティア大学校
        // courses?"): the message is read as Japanese, but what it asks for is in its English words.
        if (!isEnglish && JapaneseKind(sentence) is var japanese && (japanese != AnswerKind.Any || !EnglishClause().IsMatch(sentence)))
        {
            return japanese;
        }

        return EnglishKind(sentence);
    }

    /// <summary>
    /// The cues of each kind of fact, in the order they are tried (a sentence asking 「次回はいつ？」 asks for the status
    /// before a date): the Japanese cue, the English cue.
    /// </summary>
    private static readonly (AnswerKind Kind, Regex Japanese, Regex English)[] KindCues =
    [
        (AnswerKind.Status, JapaneseAsksForStatus(), EnglishAsksForStatus()),
        (AnswerKind.Frequency, JapaneseAsksForFrequency(), EnglishAsksForFrequency()),
        (AnswerKind.Time, JapaneseAsksForTime(), EnglishAsksForTime()),
        (AnswerKind.Amount, JapaneseAsksForAmount(), EnglishAsksForAmount()),
        (AnswerKind.Contact, JapaneseAsksForContact(), EnglishAsksForContact()),
        (AnswerKind.Document, JapaneseAsksForDocument(), EnglishAsksForDocument()),
        (AnswerKind.Application, JapaneseAsksForApplication(), EnglishAsksForApplication()),
        (AnswerKind.Sample, JapaneseAsksForSample(), EnglishAsksForSample()),
        (AnswerKind.Count, JapaneseAsksForCount(), EnglishAsksForCount()),
        (AnswerKind.Provision, JapaneseAsksForProvision(), EnglishAsksForProvision()),
        (AnswerKind.Person, JapaneseAsksForPerson(), EnglishAsksForPerson()),
        (AnswerKind.OtherCities, JapaneseAsksForOtherCities(), EnglishAsksForOtherCities()),
        (AnswerKind.Place, JapaneseAsksForPlace(), EnglishAsksForPlace()),
    ];

    private static AnswerKind EnglishKind(string sentence) => KindOf(sentence, english: true);

    private static AnswerKind JapaneseKind(string sentence) => KindOf(WithoutQuotedStatements(sentence), english: false);

    /// <summary>
    /// The sentence without what it quotes that is no question: 「訪問件数を増やすこと」がゴール names someone's aim, it does
    /// not ask for a count; a quoted question (「補助金はいくら？」と聞かれました) is still read (ADR 0045).
    /// </summary>
    private static string WithoutQuotedStatements(string sentence) =>
        sentence.Contains('「') || sentence.Contains('『')
            ? QuotedSpan().Replace(sentence, m => Asks(m.Groups[1].Value, false) ? m.Value : "「」")
            : sentence;

    /// <summary>The first kind whose cue (in the language given) the sentence holds; <see cref="AnswerKind.Any"/> when none.</summary>
    private static AnswerKind KindOf(string sentence, bool english)
    {
        foreach (var (kind, japanese, englishCue) in KindCues)
        {
            if ((english ? englishCue : japanese).IsMatch(sentence))
            {
                return kind;
            }
        }

        return AnswerKind.Any;
    }

    /// <summary>
    /// True for a Japanese fact question that names nothing but facts (「何時間？」, 「日程はもう決まっていますか？」): without
    /// the cues of every kind, at most one kanji or katakana is left. Such a question goes on with the matter of the
    /// question before it. (English is not read so: "Is it only about the number of members?" asks whether, not how many.)
    /// </summary>
    private static bool NamesOnlyFacts(string key) =>
        KindCues.Aggregate(key, (text, cue) => cue.English.Replace(cue.Japanese.Replace(text, " "), " "))
            .Count(TermAnalyzer.IsCjk) <= 1;

    /// <summary>True when a text holds a fact of that kind: a date or time, a sum of money, a phone number or address, a form.</summary>
    public static bool Holds(AnswerKind kind, string text) => kind switch
    {
        AnswerKind.Time => TimeFact().IsMatch(text),
        AnswerKind.Amount => AmountFact().IsMatch(text),
        AnswerKind.Contact => ContactFact().IsMatch(text),
        AnswerKind.Document => DocumentFact().IsMatch(text),
        AnswerKind.Application => ApplicationFact().IsMatch(text),
        AnswerKind.Count => CountFact().IsMatch(text),
        AnswerKind.Provision => ProvisionFact().IsMatch(text),
        AnswerKind.Person => PersonFact().IsMatch(text),
        AnswerKind.Frequency => FrequencyFact().IsMatch(text),
        AnswerKind.Sample => SampleFact().IsMatch(text),
        AnswerKind.OtherCities => OtherCitiesFact().IsMatch(text),
        AnswerKind.Place => PlaceFact().IsMatch(text),
        AnswerKind.Status => StatusFact().IsMatch(text),
        _ => true,
    };

    private static bool IsRequestSentence(string sentence, bool isEnglish) =>
        isEnglish ? EnglishRequest().IsMatch(sentence) : JapaneseRequest().IsMatch(sentence) && !JapaneseInformationRequest().IsMatch(sentence);

    /// <summary>The first <see cref="MaxQuestionLength"/> characters, without splitting a surrogate pair.</summary>
    public static (string Text, bool Truncated) Truncate(string text)
    {
        if (text.Length <= MaxQuestionLength)
        {
            return (text, false);
        }

        var end = char.IsHighSurrogate(text[MaxQuestionLength - 1]) ? MaxQuestionLength - 1 : MaxQuestionLength;
        return (text[..end], true);
    }

    /// <summary>Drops what is markup rather than words: Teams mentions, HTML tags and entities, URLs, Markdown syntax.</summary>
    public static string StripMarkup(string text)
    {
        text = Mention().Replace(text, " ");
        text = InlineCode().Replace(text, " ");
        text = MarkdownLink().Replace(text, "$1");
        text = HtmlTag().Replace(text, " ");
        text = HtmlEntity().Replace(text, " ");
        text = Url().Replace(text, " ");
        return MarkdownSyntax().Replace(text, " ");
    }

    /// <summary>
    /// The message normalised (<see cref="TextNormalizer.Key"/>) with its troubles marked, and whether it is English; an
    /// English one with the manual named as the policy is (<see cref="ManualCue.EnglishDocumentNamed"/>: "the plan",
    /// "does the plan mention …").
    /// </summary>
    private static (string Key, bool IsEnglish) ReadKey(string text, KnowledgeVocabulary vocabulary)
    {
        var key = vocabulary.MarkTroubles(TextNormalizer.Key(StripMarkup(text)));
        var isEnglish = !LanguageResolver.ContainsJapanese(key) && key.Any(char.IsAsciiLetter);
        return (isEnglish ? ManualCue.EnglishDocumentNamed(MarkedNotes(SettingUp(PoliteAsking().Replace(key, " "))), vocabulary.ReadsQuestions) : key, isEnglish);
    }

    /// <summary>
    /// "Could you kindly inform me what …", "please advise us whether …": the polite frame of an English question, not
    /// its matter ("inform" would otherwise be read as 情報, "information").
    /// </summary>
    [GeneratedRegex(@"\b(?:kindly\s+)?(?:inform|advise|notify)\s+(?:me|us)\b")]
    private static partial Regex PoliteAsking();

    /// <summary>
    /// An inline code span of ASCII only (`code`, `npm run`): code pasted into the chat, not words of the question. A
    /// span with Japanese in it (「`原則`」) is emphasis and stays.
    /// </summary>
    [GeneratedRegex(@"`[\x20-\x5F\x61-\x7E]*`")]
    private static partial Regex InlineCode();

    /// <summary>
    /// "Set up a new NPO", "setting up their group": the phrasal verb, to found a body, read as "establish" (EDICT
    /// 設立, "establishment; founding"); the dictionary knows "set up" only as the noun set-up (体制), which a
    /// determiner comes before ("the set-up of city hall"), not an organisation after.
    /// </summary>
    private static string SettingUp(string key) => SetUpABody().Replace(key, "establish ");

    /// <summary>
    /// "The notes marked ※3 and ※4", "footnote *4": a note beside a reference mark, or a footnote, is the manual's
    /// annotation (EDICT 注記, "annotation; explanatory note"); "note" alone is a meeting's notes or a memo, and stays an
    /// everyday word (docs/decisions/0068-english-parties-parts-and-notes.md).
    /// </summary>
    private static string MarkedNotes(string key) => MarkedNote().Replace(key, m => m.Value.EndsWith('s') ? "annotations" : "annotation");

    [GeneratedRegex(@"\bfoot-?notes?\b|\bnotes?\b(?=[^.?!。？！]*?[※*]\s*\d)|(?<=[※*]\s*\d[^.?!。？！]*?)\bnotes?\b")]
    private static partial Regex MarkedNote();

    [GeneratedRegex(@"(?<!\b(?:the|a|an|this|that|its|our|their|new)\s+)\b(?:set|sets|setting|start|starts|starting)\s+up\s+(?=(?:(?:a|an|the|their|our|his|her|its|one|another|new|own|small|local|proper)\s+){0,3}(?:npos?|nonprofits?|non-profits?|npo\s+corporations?|corporations?|groups?|organi[sz]ations?|associations?|bodies|body|circles?|clubs?)\b)")]
    private static partial Regex SetUpABody();

    /// <summary>
    /// The question sentence without what the asker already knows (「情報発信のほかに何があった？」, "what other problems
    /// besides staffing?", "apart from X"), and whether there was such a phrase: the question asks for the rest of
    /// X's group, so X's words are not what it is about, and the rest is several things — a list
    /// (docs/decisions/0062-groups-ordinals-and-the-rest.md).
    /// </summary>
    private static (string Text, bool Besides) WithoutWhatIsKnown(string focus, bool isEnglish)
    {
        var text = (isEnglish ? EnglishBesides() : JapaneseBesides()).Replace(focus, " ", 1);
        return (text, text != focus);
    }

    /// <summary>
    /// "…four departments, each with its own answer. Does the policy mention this problem?": after the story, the problem
    /// is the one the message told, not a matter of its own, and the English question sentence is read without it; the
    /// kind it names is read from the sentence (<see cref="FacetCue"/>) all the same. In a message's first sentence ("How
    /// were these challenges found?") it is the manual's, and stays (docs/decisions/0058-english-staff-questions.md).
    /// </summary>
    private static string WithoutPointingBack(string focus, int focusAt, bool isEnglish) =>
        !isEnglish || focusAt == 0 ? focus
        : EnglishConfirmsOnly().IsMatch(focus) ? ""
        : EnglishPointsBack().Replace(focus, " ");

    /// <summary>
    /// A question that only asks whether what the message told is so ("Is that correct according to the policy?", "Is
    /// that how the policy sees it?"): it has no matter of its own; the sentence before it is the question.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:but|so|and|then|ok|okay|well)\s*,?\s+)?(?:is|isn't|isnt|was|are)\s+(?:that|this|it|he|she|they)\s+(?:really\s+|actually\s+)?(?:right|correct|true|ok|okay|accurate|fine|so|the case|how (?:it (?:is|works)|the (?:policy|city|manual|guidelines?) (?:sees?|says?|puts?|views?) it)|what the (?:policy|manual|guidelines?) (?:says?|means?))(?:\s+(?:according to|under|in|by)\s+(?:the |our )?(?:policy|guidelines?|manual|rules?|principles?))?[\s?.!]*$|^(?:(?:and|so|but)\s+)?(?:(?:is|are|was)\s+(?:this|that|it|these|those)\s+(?:(?:really|actually|also)\s+)?(?:mentioned|covered|addressed|written|discussed|listed|recogni[sz]ed|included)(?:\s+as\s+(?:a|an)\s+(?:known\s+)?(?:problem|issue|challenge))?(?:\s+(?:anywhere|somewhere))?|(?:does|do|did)\s+(?:the |our )?(?:policy|manual|guidelines?|it)\s+(?:say|mention|cover|address)\s+(?:(?:anything|something)\s+)?(?:about|on)\s+(?:that|this|it))(?:\s+(?:in|by)\s+(?:the |our )?(?:policy|guidelines?|manual|document))?[\s?.!]*$")]
    private static partial Regex EnglishConfirmsOnly();

    /// <summary>
    /// Removes the question's wrapping (〜とは何ですか, 〜を教えてください, 〜について, "what does … mean?") from text
    /// normalised by <see cref="TextNormalizer.Key"/>, leaving what is asked about.
    /// </summary>
    public static string StripWrappers(string key, bool isEnglish)
    {
        var text = key.Trim();
        if (isEnglish)
        {
            text = EnglishManner().Replace(text, " ").Trim(' ', ',');
            text = EnglishInOrderTo().Replace(text, " ");
            text = EnglishPrefix().Replace(text, "");
            text = EnglishSuffix().Replace(text, "");
            return text.Trim();
        }

        text = JapanesePrefix().Replace(text, "");
        string previous;
        do
        {
            previous = text;
            text = TrailingPunctuation().Replace(text, "");
            foreach (var suffix in JapaneseSuffixes)
            {
                var stripped = suffix.Replace(text, "");
                if (stripped.Length > 0)
                {
                    text = stripped;
                }
            }
        }
        while (text != previous);

        return text.Trim();
    }

    /// <summary>The text (normalised) without its list cues (一覧, ざっくり, "overview" …).</summary>
    public static string WithoutListCues(string text, bool isEnglish)
    {
        // Japanese has no spaces: a space where the cue stood would break the character n-grams across it.
        var key = TextNormalizer.Key(text);
        return isEnglish ? RemoveEnglishListCues(key).Text : JapaneseListCue().Replace(key, "");
    }

    private static (string Text, bool AsksForList) RemoveJapaneseListCues(string key)
    {
        var asks = JapaneseListQuestion().IsMatch(key);
        var text = JapaneseListCue().Replace(key, " ");
        return (text, asks || text != key);
    }

    private static (string Text, bool AsksForList) RemoveEnglishListCues(string key)
    {
        var asks = EnglishListQuestion().IsMatch(key);
        var text = EnglishListCue().Replace(key, " ");
        text = NumberWord().Replace(text, " ");

        return (text, asks || text != key);
    }

    private static List<Concept> JapaneseConcepts(string core, KnowledgeVocabulary vocabulary)
    {
        var concepts = new Dictionary<string, Concept>(StringComparer.Ordinal);
        foreach (var run in TermAnalyzer.Runs(TermAnalyzer.Canonicalize(vocabulary.ReadKana(core), vocabulary)))
        {
            if (run.Kind == RunKind.Latin)
            {
                if (!EnglishStopWords.Contains(run.Text))
                {
                    concepts.TryAdd(run.Text, LatinConcept(run.Text, vocabulary));
                }

                continue;
            }

            var word = run.Text;
            if (word.Length > 1 && word[0] is '何' or '幾')
            {
                word = word[1..]; // 何割 → 割, 何人 → 人: the counter is the content, 何 the question
            }

            var parts = ScriptParts(word).ToList();
            foreach (var part in parts)
            {
                if (!JapaneseQuestionWords.Contains(part))
                {
                    // The last part of a compound is its head, what the compound is (保険 in ボランティア保険).
                    concepts.TryAdd(part, CjkConcept(part) with { Head = parts.Count > 1 && ReferenceEquals(part, parts[^1]) });
                }
            }
        }

        return [.. concepts.Values];
    }

    /// <summary>
    /// A run that joins a katakana word and a kanji word (ボランティア保険, 会計ソフト) is two words: each is a concept of
    /// its own, so a word the manual lacks (保険, ソフト) counts as missing instead of riding on the bigrams of the
    /// word it is attached to. Parts shorter than two characters stay attached (ネットワーク化).
    /// </summary>
    public static IEnumerable<string> ScriptParts(string word)
    {
        var start = 0;
        var parts = new List<string>();
        for (var i = 1; i <= word.Length; i++)
        {
            if (i == word.Length || IsKatakanaChar(word[i]) != IsKatakanaChar(word[i - 1]))
            {
                parts.Add(word[start..i]);
                start = i;
            }
        }

        return parts.Count > 1 && parts.All(p => p.Length >= 2) ? parts : [word];
    }

    private static bool IsKatakanaChar(char c) => c is >= '\u30A1' and <= '\u30FA' or '\u30FC';

    private static List<Concept> EnglishConcepts(string core, KnowledgeVocabulary vocabulary)
    {
        var words = TermAnalyzer.LatinWords(core).ToList();
        var concepts = new Dictionary<string, Concept>(StringComparer.Ordinal);
        var i = 0;
        while (i < words.Count)
        {
            var match = GlossaryMatch(words, i, vocabulary);
            // A key led by a small word gives way to a longer one that starts after it: "the city hall side" is "city
            // hall", not "the city" and a stray "hall".
            if (match is { Words: > 1 } led && EnglishStopWords.Contains(words[i])
                && GlossaryMatch(words, i + 1, vocabulary) is { } after && after.Words > led.Words - 1)
            {
                i++;
                continue;
            }

            if (match is { } found)
            {
                var phrase = words.GetRange(i, found.Words);
                concepts.TryAdd(found.Key, new Concept(found.Key, [.. JapaneseForms(found.Japanese, vocabulary), .. EnglishForms(phrase, found.LastStem)], 1.0)
                {
                    FromDictionary = vocabulary.DictionaryGlossaryKeys.Contains(found.Key),
                });
                i += found.Words;
                continue;
            }

            var word = words[i++];
            if (!EnglishStopWords.Contains(word))
            {
                concepts.TryAdd(word, new Concept(word, [new ConceptForm([word], null), new ConceptForm([TermAnalyzer.EnglishStem(word)], null), .. RomajiForms(word, vocabulary)], 1.0));
            }
        }

        return [.. concepts.Values];
    }

    /// <summary>The longest glossary key starting at word <paramref name="start"/> (its last word through <see cref="Stems"/>).</summary>
    private static (int Words, string Key, string LastStem, IReadOnlyList<string> Japanese)? GlossaryMatch(List<string> words, int start, KnowledgeVocabulary vocabulary)
    {
        for (var n = Math.Min(vocabulary.GlossaryMaxWords, words.Count - start); n >= 1; n--)
        {
            var last = words[start + n - 1];
            if (n == 1 && EnglishStopWords.Contains(last))
            {
                continue;
            }

            // The words before the last, joined once per length rather than once per form of the last word.
            var prefix = n == 1 ? "" : string.Join(' ', System.Runtime.InteropServices.CollectionsMarshal.AsSpan(words).Slice(start, n - 1)) + " ";
            if (n > 1 && !vocabulary.GlossaryPrefixes.Contains(prefix))
            {
                continue; // no key starts with these words: no form of the last word can complete one
            }

            foreach (var candidate in Stems(last))
            {
                var key = n == 1 ? candidate : prefix + candidate;
                if (vocabulary.Glossary.TryGetValue(key, out var japanese))
                {
                    return (n, key, candidate, japanese);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The English words themselves (as typed, and with the glossary's stem), so that a section's English alternate
    /// phrasings match the words the glossary also translates ("city" in "Can the city tell a group …?").
    /// </summary>
    private static IEnumerable<ConceptForm> EnglishForms(List<string> phrase, string lastStem)
    {
        string[] typed = [.. phrase.Where(w => !EnglishStopWords.Contains(w))];
        string[] stemmed = [.. phrase.Take(phrase.Count - 1).Append(lastStem).Where(w => !EnglishStopWords.Contains(w))];
        if (typed.Length > 0)
        {
            yield return new ConceptForm(typed, null);
        }

        if (stemmed.Length > 0 && !stemmed.SequenceEqual(typed))
        {
            yield return new ConceptForm(stemmed, null);
        }

        string[] crude = [.. typed.Select(TermAnalyzer.EnglishStem)];
        if (crude.Length > 0 && !crude.SequenceEqual(typed))
        {
            yield return new ConceptForm(crude, null); // "dealing with" meets a phrasing's "deal with"
        }
    }

    private static Concept LatinConcept(string word, KnowledgeVocabulary vocabulary)
    {
        var forms = new List<ConceptForm> { new([word], null), new([TermAnalyzer.EnglishStem(word)], null) };
        foreach (var candidate in Stems(word))
        {
            if (vocabulary.Glossary.TryGetValue(candidate, out var japanese))
            {
                forms.AddRange(JapaneseForms(japanese, vocabulary));
                return new Concept(word, forms, 1.0);
            }
        }

        forms.AddRange(RomajiForms(word, vocabulary));
        return new Concept(word, forms, 1.0);
    }

    /// <summary>
    /// A word that is no English the glossary knows but the romaji of a word of the manual ("tatewari", "kyodo"): the
    /// manual's word is one more form of the concept (docs/decisions/0039-romaji-manual-words.md).
    /// </summary>
    private static List<ConceptForm> RomajiForms(string word, KnowledgeVocabulary vocabulary) =>
        vocabulary.Romaji.Read(word) is { } japanese ? JapaneseForms([japanese], vocabulary) : [];

    private static Concept CjkConcept(string word) =>
        word.Length == 1
            ? new Concept(word, [new ConceptForm([], word[0])], 0.5)
            : new Concept(word, [new ConceptForm([.. TermAnalyzer.Terms(new TermRun(word, RunKind.Cjk))], null)], 1.0);

    private static List<ConceptForm> JapaneseForms(IEnumerable<string> terms, KnowledgeVocabulary vocabulary)
    {
        var forms = new List<ConceptForm>();
        foreach (var term in terms)
        {
            var analyzed = TermAnalyzer.Analyze(term, vocabulary);
            if (analyzed.TokenList.Count == 1 && analyzed.TokenList[0].Length == 1 && TermAnalyzer.IsCjk(analyzed.TokenList[0][0]))
            {
                forms.Add(new ConceptForm([], analyzed.TokenList[0][0]));
            }
            else if (analyzed.TokenList.Count > 0)
            {
                forms.Add(new ConceptForm(analyzed.TokenList.Distinct(StringComparer.Ordinal).ToArray(), null));
            }
        }

        return forms;
    }

    /// <summary>
    /// The word, then simple English inflections removed (plural, -ing, -ed, a doubled final consonant: planned → plan),
    /// British -ise spelt -ize, then the noun the dictionaries list for a verb or an adjective (propose → proposal,
    /// encourage → encouragement, reliable → reliability, different → difference), for glossary look-up. EDICT glosses
    /// Japanese verbal nouns by their English noun (提案 "proposal", 促進 "encouragement"), so a question's verb would
    /// otherwise find nothing. Each candidate is tried in order and the first the glossary holds wins.
    /// </summary>
    internal static IEnumerable<string> Stems(string word)
    {
        yield return word;
        if (word.Length <= 3)
        {
            yield break;
        }

        var bases = InflectionBases(word);
        foreach (var b in bases.Skip(1).Distinct(StringComparer.Ordinal))
        {
            yield return b;
        }

        foreach (var b in bases.Distinct(StringComparer.Ordinal))
        {
            foreach (var noun in Nominalizations(b))
            {
                yield return noun;
            }
        }

        // Dictionaries list many verbs by their noun (EDICT: 理解 "understanding"), so the -ing form is tried last.
        yield return word + "ing";
    }

    /// <summary>The word and the forms it may be an inflection of (plural, -ing, -ed, -ied, doubled consonant, -ise).</summary>
    private static List<string> InflectionBases(string word)
    {
        var bases = new List<string> { word };
        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            bases.Add(word[..^3] + "y");
        }

        if (word.EndsWith("es", StringComparison.Ordinal))
        {
            bases.Add(word[..^2]);
        }

        if (word.EndsWith('s'))
        {
            bases.Add(word[..^1]);
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            bases.Add(word[..^3]);
            bases.Add(word[..^3] + "e");
            AddUndoubled(bases, word[..^3]);
        }

        if (word.EndsWith("ied", StringComparison.Ordinal) && word.Length > 4)
        {
            bases.Add(word[..^3] + "y");
        }
        else if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            bases.Add(word[..^2]);
            bases.Add(word[..^1]);
            AddUndoubled(bases, word[..^2]);
        }

        foreach (var b in bases.ToList())
        {
            if (b.Contains("is", StringComparison.Ordinal) && (b.EndsWith("ise", StringComparison.Ordinal) || b.EndsWith("isation", StringComparison.Ordinal)))
            {
                bases.Add(b.EndsWith("ise", StringComparison.Ordinal) ? b[..^3] + "ize" : b[..^7] + "ization");
            }
        }

        return bases;
    }

    private static void AddUndoubled(List<string> bases, string stem)
    {
        if (stem.Length >= 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'e' or 'o' or 'f' or 'z'))
        {
            bases.Add(stem[..^1]); // planned → plan, running → run (but not calling → cal)
        }
    }

    /// <summary>The regular English nouns of a verb or adjective (propose → proposal, reliable → reliability).</summary>
    private static IEnumerable<string> Nominalizations(string word)
    {
        if (word.Length < 4)
        {
            yield break;
        }

        if (word.EndsWith("ative", StringComparison.Ordinal) && word.Length > 7)
        {
            yield return word[..^5] + "ation"; // collaborative → collaboration, cooperative → cooperation (ADR 0058)
            yield return word[..^5] + "ate"; // collaborative → collaborate
        }
        else if (word.EndsWith("ble", StringComparison.Ordinal))
        {
            yield return word[..^3] + "bility"; // reliable → reliability, flexible → flexibility
        }
        else if (word.EndsWith("ent", StringComparison.Ordinal) || word.EndsWith("ant", StringComparison.Ordinal))
        {
            yield return word[..^1] + "ce"; // different → difference, important → importance
        }
        else if (word.EndsWith("ize", StringComparison.Ordinal))
        {
            yield return word[..^1] + "ation"; // organize → organization
        }
        else if (word.EndsWith("ate", StringComparison.Ordinal))
        {
            yield return word[..^1] + "ion"; // cooperate → cooperation
        }
        else if (word.EndsWith("ify", StringComparison.Ordinal))
        {
            yield return word[..^1] + "ication"; // certify → certification, clarify → clarification
        }
        else if (word.EndsWith("ide", StringComparison.Ordinal) || word.EndsWith("ude", StringComparison.Ordinal))
        {
            yield return word[..^2] + "sion"; // provide → provision, divide → division, include → inclusion
        }
        else if (word.EndsWith('e'))
        {
            yield return word[..^1] + "al"; // propose → proposal
            yield return word + "ment"; // encourage → encouragement
        }
        else if (word.EndsWith('t'))
        {
            yield return word + "ion"; // connect → connection
            yield return word + "ment"; // develop... commit → commitment
        }
        else if (!word.EndsWith('y') && !word.EndsWith('s'))
        {
            yield return word + "ment"; // develop → development, improve... establish → establishment
            yield return word + "ation"; // inform → information
        }
    }

    /// <summary>
    /// The wrappers <see cref="StripWrappers"/> removes from the end, in this order (source-generated: each runs several
    /// times on every question).
    /// </summary>
    private static readonly Regex[] JapaneseSuffixes =
    [
        SuffixAskToTell(),
        SuffixWhatKind(),
        SuffixWhatIs(),
        SuffixAbout(),
        SuffixContent(),
        SuffixPolite(),
        SuffixParticle(),
    ];

    [GeneratedRegex(@"(?:について|に関して|に関する|のこと|とは|って|は)?(?:を|も)?(?:教えて|おしえて|知りたい|しりたい|説明して|見せて|みせて)(?:ください|下さい|くれ|くれる|ほしい|欲しい|もらえますか|もらえる|いただけますか|いただけませんか|です)?(?:か)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixAskToTell();

    [GeneratedRegex(@"(?:とは|って|は)?(?:どういう|どのような|どんな)(?:こと|もの|意味|内容)(?:ですか|でしょうか|なの|か)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixWhatKind();

    [GeneratedRegex(@"(?:とは|って|は)?(?:何|なに|なん)(?:ですか|でしょうか|なの|なのか|か|だろう|だ)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixWhatIs();

    [GeneratedRegex(@"(?:について|に関して)(?:書いてある|書かれている|記載はある|の記載はありますか|知りたい)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixAbout();

    [GeneratedRegex(@"(?:の)?(?:内容|意味|詳細|概要)(?:は|を|って)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixContent();

    [GeneratedRegex(@"(?:ですか|でしょうか|ますか|ましたか|ありますか|あるか|ある|なのか|なの|のか|か|ね|よ)$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixPolite();

    [GeneratedRegex(@"(?:とは|って|は|を|が)$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixParticle();

    /// <summary>
    /// A sentence ends at 。?! or a line break; what the answer is for (「課の勉強会用に、」「会議資料用に、」, an occasion or a
    /// document before 用に) ends one too, so that the occasion is read as the setting of the question, not as its words.
    /// </summary>
    [GeneratedRegex(@"(?<=[。?!])|(?<=(?:^|[。?!\s])[^。?!、\s]{0,12}(?:会議|資料|研修|勉強会|説明会|報告|発表|打ち?合わ?せ|説明|配布|提出|引き?継ぎ|議会|答弁|企画書|広報)用に、)|\n+")]
    private static partial Regex JapaneseSentenceEnd();

    [GeneratedRegex(@"(?<=[?!])\s*|(?<=\.)\s+|\n+")]
    private static partial Regex EnglishSentenceEnd();

    /// <summary>
    /// A sentence that goes on with the one before it: a condition on its answer (あれば, なければ, もしある場合, それなら,
    /// その場合) or a pronoun for what it asked (それは, そこ, そちら).
    /// </summary>
    [GeneratedRegex(@"^(?:もし|仮に)?[、,\s]*(?:あれば|あるなら|あったら|ある場合|あるとすれば|なければ|ないなら|なかったら|ない場合|それなら|それは|それって|それを|それも|そこ|そちら|その場合|そうであれば|そうなら|だったら|でしたら)")]
    private static partial Regex JapaneseFollowsOn();

    /// <summary>How to answer someone (どう答えれば, 何と返事したら, どう回答すべき): asks for the content of the answer.</summary>
    [GeneratedRegex(@"(?:どう|どのように|何て|なんて|何と|なんと)(?:お)?(?:答え|こたえ|返事|返答|回答|返せ|返し|伝え)")]
    private static partial Regex JapaneseHowToAnswer();

    [GeneratedRegex(@"\b(?:how|what) (?:should|do|can|could|would) (?:i|we) (?:answer|reply|respond|tell (?:them|him|her))\b")]
    private static partial Regex EnglishHowToAnswer();

    /// <summary>A question someone else asked, told (Japanese marks it with いつ/いくら …, which <see cref="Asks"/> reads).</summary>
    [GeneratedRegex(@"\b(?:asked|asks|asking|wants? to know|wanted to know|wondered|wondering|inquired|enquired)(?: me| us| the city| our (?:section|department|office))? (?:how|when|where|what|which|who|whether)\b")]
    private static partial Regex EnglishReportedQuestion();

    [GeneratedRegex(@"^(?:and\s+|also\s+)?(?:if so|if yes|if not|if there (?:is|are|isn't|aren't)|if it (?:does|doesn't|exists)|in that case|where can i (?:get|find) (?:it|one|them)|who do i (?:ask|contact) (?:for it|about it))\b")]
    private static partial Regex EnglishFollowsOn();

    /// <summary><see cref="JapaneseSentenceEnd"/> over the asker's writing, where ？ and ！ may be full width.</summary>
    [GeneratedRegex(@"(?<=[。？！?!])|\n+")]
    private static partial Regex JapaneseProseSentenceEnd();

    [GeneratedRegex(@"(?<=[?!？！])\s*|(?<=[.．])\s+|\n+")]
    private static partial Regex EnglishProseSentenceEnd();

    [GeneratedRegex(@"[「『]([^「」『』]*)[」』]")]
    private static partial Regex QuotedSpan();

    [GeneratedRegex(@"(?:\?|か[。\s]*$|かな[。\s]*$|の[。\s]*$|教えて|知りたい|ください|下さい|でしょう|ますか|ですか|どう|どの|どこ|どれ|いつ|なぜ|何|なに|だれ|誰|いくら|ある[。\s]*$|いい[。\s]*$)")]
    private static partial Regex JapaneseQuestionSentence();

    /// <summary>
    /// A sentence that tells what happened (past tense at its end: 「受付を誰がやるかで揉めました。」): it holds 誰 or 何
    /// but asks nothing, so the fact it names (駐車場, いくら) is not asked for.
    /// </summary>
    [GeneratedRegex(@"(?:た|んだ)[。．!！…\s]*$")]
    private static partial Regex JapaneseNarration();

    /// <summary>
    /// A question someone asked the writer, told in the past (「電話番号は何番になるのかと聞かれました。」, 「いくら出るのかと
    /// 問い合わせがありました。」): the writer needs that fact to answer, so it is asked for after all.
    /// </summary>
    [GeneratedRegex(@"か(?:と|って)|と(?:聞|訊|尋ね)|って(?:聞|訊)|問い?合わせ|質問(?:され|を受け|があ)")]
    private static partial Regex JapaneseReportedQuestion();

    /// <summary>Three English words in a row: a clause written in English inside a message with Japanese in it.</summary>
    [GeneratedRegex(@"\b[a-z]{2,}\s+[a-z]{1,}\s+[a-z]{2,}\b")]
    private static partial Regex EnglishClause();

    [GeneratedRegex(@"(?:\?\s*$|^(?:what|which|who|how|why|when|where|is|are|do|does|did|can|could|should|would|will|may|tell|explain|list|show)\b)")]
    private static partial Regex EnglishQuestionSentence();

    /// <summary>Asks the bot to act: ends in して/しといて/お願い…, "can you book …", "please order …".</summary>
    [GeneratedRegex(@"(?:して|しといて|しておいて|といて|ておいて|とって|やって|予約|手配|送って|入れて|取って|消して|止めて|作って|リセット|翻訳)(?:ください|下さい|くれ|くれる|くれない|くれますか|もらえる|もらえますか|ほしい|欲しい|おいて|お願いします|おねがい)?[\s。!?.]*$|お願いします[\s。!?.]*$")]
    private static partial Regex JapaneseRequest();

    /// <summary>「教えて」「説明して」「一覧にして」「全部出して」「（一覧で）示して」「お示しください」, and a sentence with a question word (「市は何かしてくれる？」「どこかで支援してもらえる？」), ask for information: they are questions for the manual, not requests (指示して is one).</summary>
    [GeneratedRegex(@"(?:説明|解説|紹介|整理|要約|一覧に|リストに|リストアップ|リスト化|箇条書き|まとめ|列挙|洗い出|書き出|抜き出)(?:して|を|で|し)|(?<!指)示して|お示し|(?:全部|ぜんぶ|一覧|まとめて|並べて)(?:を|で)?(?:出して|見せて)|何か|なにか|どう|どこ|誰|だれ")]
    private static partial Regex JapaneseInformationRequest();

    /// <summary>
    /// A request in a sentence beside the question: an action verb with an asking ending (予約してください, 送っといて,
    /// 手配お願いします) — not a story's 「〜して。」 nor a bare 「よろしくお願いします」.
    /// </summary>
    [GeneratedRegex(@"(?:して|予約|手配|送って|入れて|取って|消して|止めて|作って|リセット|翻訳)(?:ください|下さい|くれ|くれる|くれない|くれますか|もらえる|もらえますか|もらえませんか|ほしい|欲しい|お願いします|おねがい)[\s。!?.]*$|(?:しといて|しておいて|といて|ておいて)(?:ください|下さい|くれ|くれる|くれますか|もらえる|もらえますか|ほしい|欲しい)?[\s。!?.]*$")]
    private static partial Regex JapanesePoliteRequest();

    [GeneratedRegex(@"^(?:(?:hi|hello|hey|ok|okay)[\s,]+)*(?:(?:can|could|would|will) you (?:please )?|please )?(?:book|order|reserve|schedule|remind|send|cancel|reset|buy|print|call|translate|set up|create|fix|delete|arrange|email|forward)\b")]
    private static partial Regex EnglishRequest();

    /// <summary>
    /// 何月, 何年に/何年頃 (which year, not 何年も/何年か前, a duration), and いつ anywhere in the sentence (「次回いつ？」
    /// 「研修いつやるの？」「いつ頃公表されますか」), but not いつも/いつでも, not the いつ of a verb (思いつく, 思いついた,
    /// 言いつけ), and not in an embedded question that the sentence goes on to ask about (「いつまでやるか決めとくべき？」
    /// asks about a time limit).
    /// </summary>
    [GeneratedRegex(@"いつ(?!も|でも|の間|[くきけい])(?![^?？。]*か[^?？!！。\s]{2,})|締切|締め切り|しめきり|〆切|期日|日程|日時|何日|何時|何月|何年(?=に|度に|頃|ごろ)|開館時間|営業時間|受付時間|利用時間|開所時間|開室時間|開庁時間|提出期限|申請期限|何曜|曜日|(?:移転|開始|開催|実施|見直し|改定|オープン|完成|開設|開館|公開|募集|着工)の?時期|時期(?:は|って)(?:いつ|未定|決ま)|日数|所要(?:時間|期間)|何(?:ヶ月|か月|カ月|ヵ月|週間)|(?:どの|どれ)(?:くらい|ぐらい)の(?:期間|日数|時間)")]
    private static partial Regex JapaneseAsksForTime();

    /// <summary>
    /// いくら, 金額, 費用 …, a limit in money (上限額, 限度額, 基準額), the budget line money goes under (費目, 予算科目),
    /// and a charge asked about (参加費かかる？, 相談料は？, 謝礼は出せる？) — not one named in a setting (「会費で運営して
    /// いる団体が…」).
    /// </summary>
    [GeneratedRegex(@"いくら|金額|何円|予算額|費用|料金|有料|無料|受講料|手数料|上限額|限度額|基準額|費目|予算科目|(?:参加費|会費|利用料|使用料|相談料|講師料|謝礼|謝金|賃料|家賃)(?:は|って|が|とか|も)?(?:いくら|かか|掛か|必要|要る|いる|発生|有料|無料|出る|出せ|払|[?？]|$)")]
    private static partial Regex JapaneseAsksForAmount();

    /// <summary>電話番号, 連絡先 …, and where to call (「どこに連絡すればいい？」「誰に問い合わせれば」): not 「誰に相談すれば」 (where to turn).</summary>
    [GeneratedRegex(@"電話番号|連絡先|メールアドレス|住所|内線|問い合わせ先|問合せ先|アクセス方法|駐車場|所在地|(?:どこ|誰|だれ|どちら)に(?:連絡|電話|問い?合わ?せ)|(?:担当|窓口)(?:者|課|部署)?(?:って|は)(?:誰|だれ|どなた|どこ)に(?:聞|き[きけ]|問い?合わ?せ)|(?:どこの|どの)(?:課|係|部署|部局)(?:が|で)?(?:担当|所管|管轄)|担当して(?:る|いる)(?:の)?(?:って|は)(?:どこの|どの)(?:課|係|部署)|所管(?:課|部署)(?:は|って)(?:どこ|どちら)")]
    private static partial Regex JapaneseAsksForContact();

    [GeneratedRegex(@"ひな形|雛形|ひながた|テンプレート|様式|書式|申請書|書類|届出書|記入例|修了証|修了書|証明書|受講証|認定証|資格(?:は|って|とか|が|も)?(?:もらえ|貰え|取れ|とれ|得られ|取得)")]
    private static partial Regex JapaneseAsksForDocument();

    /// <summary>How to apply, sign up or book (申込, 申請方法, 予約の方法, どうやって予約する).</summary>
    [GeneratedRegex(@"申込|申し込|もうしこ|申請方法|申請の仕方|応募方法|応募の仕方|登録方法|参加申請|エントリー方法|予約(?:の)?(?:方法|仕方|手続)|どう(?:やって|すれば|したら)予約|予約(?:は|って)?(?:どう|どこ|どのように)|(?:予約|申込み?|申し込み)(?:は|って|が)?(?:いる|要る|必要|要り|できる|できま|でき(?:ない|ません)|取れ|とれ)")]
    private static partial Regex JapaneseAsksForApplication();

    /// <summary>
    /// 何団体/何人/何件/何分野 …, 人数/件数/団体数 …, どのくらいの数/割合, and how many of those who did something
    /// (「わかんないって答えたのどれくらい」, 「知ってる人はどのくらい」: a clause made a noun by の, then どれくらい; ADR 0059):
    /// a count, not 「いくつある？」「何項目」「何種類」 (the seven principles are a list).
    /// </summary>
    [GeneratedRegex(@"何(?:団体|人|名|件|か所|ヶ所|箇所|カ所|割|パーセント|%|社|校|施設|回目|分野|部署|法人)|(?:人数|件数|団体数|職員数|会員数|登録数|加入率|参加率|参加者数|利用者数|割合)(?:は|って|を|が|も|や|、|\s|$|[?？])|どれ(?:くらい|ぐらい)の(?:数|人|団体|件数|割合)|(?:た|る|い)の(?:は|って)?(?:どれ|どの)(?:くらい|ぐらい)|(?:人|者|団体|職員|市民)(?:は|って|が)?(?:どれ|どの)(?:くらい|ぐらい)(?:いる|いた|い|ある|あった|あ)|(?:数字|数値|統計|実績値|データ)(?:を|が|は|って|も|あ)")]
    private static partial Regex JapaneseAsksForCount();

    [GeneratedRegex(@"\bhow many (?!times\b|ways\b|principles\b|challenges\b|initiatives\b|rules\b|steps\b|kinds\b|types\b)|\b(?:the )?number of (?:people|staff|groups|npos|organi[sz]ations|members|volunteers|participants|residents|projects)\b|\bwhat (?:percentage|share|proportion)\b")]
    private static partial Regex EnglishAsksForCount();

    /// <summary>
    /// 何条, 第何条, 条文, 根拠法令, 法的根拠: which article of which law; and what a law or by-law lays down (「NPO法で決まってる
    /// 活動分野」「条例で罰則とかある？」「法律上の扱い」「法的な義務」), which only its articles say. Not 方法で/手法で (a way).
    /// </summary>
    [GeneratedRegex(@"何条|条文|根拠(?:となる)?(?:法令|法律|条例|規定)|法的(?:な)?(?:根拠|ルール|決まり|義務|要件|扱い|区別|違い|位置づけ|位置付け|定義|責任)|(?:法的|法律的)に(?:は|も)?|(?:(?<![方手文作寸用技療論])法|法律|法令|条例|施行令|政令|省令)(?:で|に|上|では|によって|により)は?(?:決まって|決められ|決め|定められ|定め|規定|義務|罰則)|(?:法律|法令|条例)上|(?<![方手文作寸用技療論])法上(?:の|で|は|、|どう|どの)|議会の(?:承認|議決|同意)|個人情報|プライバシー|守秘義務|秘密(?:は|が)?(?:守|漏)|収入印紙|印紙(?:は|って|が)?(?:いる|要る|必要|貼)")]
    private static partial Regex JapaneseAsksForProvision();

    /// <summary>"Which article", "legal basis"; and what a law or by-law lays down: "the legal rules", "legally required",
    /// "required by law", "under the Local Autonomy Act", "an ordinance that …".</summary>
    [GeneratedRegex(@"\b(?:which|what) (?:article|section|clause|provision)s?\b|\b(?:legal|statutory) (?:basis|rules?|requirements?|obligations?|limits?|thresholds?)\b|\blegal(?:ly)? (?:distinction|difference|status|definition|responsibility|liability)\b|\blegally (?:required|requires?|obliged|obligated|binding|distinct|different|defined|distinguished)\b|\brequired by law\b|\bpersonal (?:data|information)\b|\bprivacy\b|\bconfidential(?:ity)?\b|\brevenue stamps?\b|\bcouncil (?:approval|vote)\b|\bapproved by (?:the )?(?:city )?council\b|\bunder the (?:[a-z-]+ ){0,4}(?:act|law|ordinance)\b|\b(?:an|the|any) ordinance\b|\bwhat (?:does )?the (?:law|act|ordinance) (?:says?|requires?)\b")]
    private static partial Regex EnglishAsksForProvision();

    /// <summary>
    /// A role holder asked for by name: 「担当課長って今誰？」「講師は誰ですか」「審査員って誰がやってるの？」「窓口担当者が誰なのか」.
    /// 誰 as what the sentence asks of a role, not 「誰が何をやるか」 (roles) or 「誰に相談すれば」 (where to turn).
    /// </summary>
    [GeneratedRegex(@"(?:課長|部長|係長|所長|センター長|館長|担当者?|講師|先生|審査員|委員長?|会長|理事長|代表者?|市長|業者|委託先|受託者|事業者)(?:って|は|が)[、,\s]?(?:今|いま|現在|今年度|今年)?(?:誰|だれ|どなた|どこ)(?:です|だ|でしょう|なの|なん|か|が(?:やって|務め|担当)|[?？。]|$)|(?:講師|先生|審査員|委員|業者|委託先)(?:って|は)(?:外部|内部|庁外|庁内|民間)の?(?:人|方|講師|団体)?(?:です|なの|なん|か|[?？。]|$)|(?:誰|だれ|どなた)を?(?:呼ん|呼ぶ|呼ば|招い|招く|招へい|招聘|頼ん|頼む|依頼)")]
    private static partial Regex JapaneseAsksForPerson();

    /// <summary>"Who is the director/lecturer/contact person …", "who is in charge of …", "which vendor/company …".</summary>
    [GeneratedRegex(@"\bwho(?:'s| is| are| was| will be) (?:the |our |your |my )?(?:current |new )?(?:[a-z-]+ ){0,2}(?:chief|head|manager|director|lecturer|instructor|teacher|speaker|contact|person|officer|mayor|chair|chairperson|judges?|vendor|contractor)s?\b|\bwho(?:'s| is| are) in charge of\b|\bwhich (?:vendor|company|contractor|firm|consultant)\b")]
    private static partial Regex EnglishAsksForPerson();

    /// <summary>
    /// How many times in a period: 年に何回, 月に何度, 何回くらい開かれる, 何年ごと/おき, 開催頻度, 実施回数; not 何回も (many
    /// times) nor どのくらいの頻度 alone (how often one should, which 「定期的に」 answers).
    /// </summary>
    [GeneratedRegex(@"(?:年|年度|月|週|日)に?(?:何|なん)(?:回|度)(?!目|も)|(?:何|なん)(?:回|度)(?:くらい|ぐらい|程度)?(?:開|行わ|行って|行う|実施|やって|やる|催)|何(?:年|か月|ヶ月|カ月|ヵ月|週間?)(?:ごと|毎|おき|に一度|に1回|に一回)|(?:開催|実施)(?:頻度|回数)")]
    private static partial Regex JapaneseAsksForFrequency();

    /// <summary>"How many times a year", "how often is the meeting held" (not "how often should we …": the manual's advice).</summary>
    [GeneratedRegex(@"\bhow many times (?:a|per|each|every) (?:year|month|week|fiscal year)\b|\bhow (?:often|frequently) (?:is|are|was|were|does|do|did) (?:the |a |an |this |that |our |their )?(?:[a-z-]+ ){0,5}(?:held|convened|organi[sz]ed|offered|meet|meets|take place|takes place)\b")]
    private static partial Regex EnglishAsksForFrequency();

    /// <summary>A number of times or a period: 年2回, 3回, 毎年, 隔年, 3年ごと, "twice a year", "annually".</summary>
    [GeneratedRegex(@"\d+\s*回(?!目)|[一二三四五六七八九十]回(?!目)|毎年|毎月|毎週|隔年|隔月|\d+\s*(?:年|か月|ヶ月|カ月|週間?)(?:ごと|毎|おき)|年度ごと|\b(?:once|twice|\d+ times) (?:a|per) (?:year|month|week)\b|\b(?:annually|monthly|weekly)\b")]
    private static partial Regex FrequencyFact();

    /// <summary>The size of a survey: 回収率, 回答率, 回答者数, 対象者数, サンプル数, 母数, 「何人に配って」「何人が回答」.</summary>
    [GeneratedRegex(@"回収率|回答率|回答者数|回答数|対象者数|調査対象数|サンプル数|標本数|母数|有効回答|何(?:人|名|件|団体)に(?:配|送|聞|調査|実施|アンケート)|何(?:人|名|件|団体)(?:が|から)回答")]
    private static partial Regex JapaneseAsksForSample();

    [GeneratedRegex(@"\bsample size\b|\bresponse rate\b|\bnumber of (?:respondents|responses)\b|\bhow many (?:people|staff|residents|citizens|groups|organi[sz]ations|respondents) (?:were|was) (?:surveyed|asked|polled|interviewed)\b|\bhow many (?:people |staff )?(?:responded|took part in the survey)\b")]
    private static partial Regex EnglishAsksForSample();

    /// <summary>A number of people or answers, or a rate of response: 2,000人, 500件, 回収率45%.</summary>
    [GeneratedRegex(@"\d[\d,]*\s*(?:人|名|件|団体|通|票)|(?:回収率|回答率)|\b\d[\d,]* (?:respondents|responses|people)\b")]
    private static partial Regex SampleFact();

    /// <summary>
    /// Other cities as the subject asked about: 他市では, 他の自治体の事例, 近隣の政令市で, よその市の取り組み — not 他市から
    /// (a visitor from another city) nor a city named in a story.
    /// </summary>
    [GeneratedRegex(@"(?:他市|他都市|他自治体|他の(?:市|自治体|都市|政令市|まち)|ほかの(?:市|自治体|都市|政令市|まち)|よその(?:市|自治体|まち)|近隣(?:の)?(?:市町村|市|自治体|都市|政令市)|全国の(?:自治体|市)|政令市)(?:で|では|に|には|は|が|の(?:事例|例|状況|取り組み|取組|原則|方針|制度|ルール|やり方|指針|基準))")]
    private static partial Regex JapaneseAsksForOtherCities();

    [GeneratedRegex(@"\b(?:other|neighbo(?:u)?ring|nearby) (?:cities|municipalities|local governments|towns)\b|\bcompared? (?:to|with) (?:other|another) (?:city|cities|municipalit(?:y|ies))\b")]
    private static partial Regex EnglishAsksForOtherCities();

    /// <summary>
    /// Where a paper or file is kept or posted, or where to see or get it (マニュアル・資料・名簿 … どこにある, どこで
    /// 見られる, どこからダウンロード; a sentence that is only that: 「どこで見れる？」 after one naming the thing), whether
    /// it is on 庁内LAN, a shared folder or a web page, a floor, a venue or a room (何階, 会場はどこ, どこで開催), and
    /// whether it is held online or in person (オンラインで, 対面ですか).
    /// 「調整役の話、どこに載ってる？」 asks where the manual says it and stays Any; so does どこに相談 (a contact).
    /// </summary>
    [GeneratedRegex(@"^(?:それ|これ|あれ)?(?:は|って)?[、,\s]?(?:どこ|どちら)(?:で|から|に)(?:見|閲覧|読|入手|ダウンロード|もら|手に入|ある|あり|置)|(?:オンライン|対面)(?:です|なの|開催|or|か|で(?:受け|参加|やる|やって|開催|開か|行わ|実施)[^。?？]{0,6}(?:か|の|\?|？))|何階|(?:どの|どこの)ページ|どこに(?:載せ|掲載|アップ)|(?:会場|場所|部屋)(?:は|って)?(?:どこ|どちら)|どこの(?:部屋|会議室|建物|会場)|どこで(?:開か|開催|やる|やって|行わ)|(?:マニュアル|資料|ファイル|データ|名簿|冊子|パンフ|チラシ|報告書|議事録|原本|書類|備品|台帳)[^。?？!！]{0,20}(?:どこ|どちら)(?:に|で|から)?(?:ある|あり|あんの|置|保存|格納|保管|掲載|載|上が|アップ|見|閲覧|入手|ダウンロード|もら|手に入)|(?:庁内lan|イントラ|共有フォルダ|ホームページ|サイト|ポータル|掲示板)(?:に|で|から)(?:(?:上がって|載って|掲載されて|アップされて|公開されて)(?:る|い(?:る|ます)|ます)|(?:見|閲覧|ダウンロード)(?:られ|れ|でき))")]
    private static partial Regex JapaneseAsksForPlace();

    [GeneratedRegex(@"\b(?:which|what) floor\b|\bonline or in[- ]person\b|\bin[- ]person or online\b|\b(?:held|run|given|offered|taught) (?:online|virtually|in[- ]person)\b|\b(?:what|which|where)(?:'s| is| are| will be)? (?:the )?venues?\b|\bwhich room\b|\bwhere (?:is|are|will) (?:it|they|the [a-z ]{1,30}) (?:be )?held\b|\bwhere (?:is|are|was|were) (?:the|our|this|that|it|they)\b[^.?!]{0,40}\b(?:kept|stored|saved|posted|uploaded|located|filed)\b|\bwhere (?:can|do|could) (?:i|we) (?:download|get a copy|read it|see it)\b|\bintranet\b|\bshared (?:drive|folder)\b|\bdownload(?:ed|able)?\b")]
    private static partial Regex EnglishAsksForPlace();

    /// <summary>Where a thing is: 所在, a floor (3階), a venue, online or in person, 掲載, 保存, a folder or a web page.</summary>
    [GeneratedRegex(@"所在|\d+\s*階|会場は|オンライン|対面|掲載|保存|保管|フォルダ|ホームページ|イントラ|庁内lan|https?://|\bonline\b|\bin[- ]person\b")]
    private static partial Regex PlaceFact();

    /// <summary>
    /// Where a thing stands now or what became of it: もうできてる？, 日程はもう決まっていますか, 今も予約できる？, 次いつ？,
    /// 今年の会場, 去年はどんなテーマだった, 前回の見直しで何が変更された. Not もう決まってることを… (a clause, not asked) nor
    /// 今もある？ (a challenge the manual states), nor 前回の打ち合わせで揉めた (a setting: the past must be what is asked).
    /// </summary>
    [GeneratedRegex(@"もう(?:でき|決ま|決め|始ま|完成し|作られ|作成され|配られ|配布され|公開され|設置され|開設され|オープンし|動いて)(?:っ?て(?:る|ます|い(?:る|ます))|っ?た|ました)(?:の|ん(?:です|でしょう)?か|か|\?|？|$)|(?:今|いま)(?:も|でも)(?:予約|使え|利用|やって|開いて|続いて|募集|受け付け)|まだ(?:予約|使え|利用でき|やって|開いて|募集|受け付け)|(?:次|次回|今度)(?:は|の|って)?(?:いつ|開催日|日程)|今年度?の(?:会場|テーマ|日程|予定|講師|開催|募集)|(?:去年|昨年度?|前回|この前)(?:の|は|に)[^。?？]{0,25}(?:だった|でした|あった|ありました|された|されました|なった|なりました|変わった|変わりました|行われた|開かれた|やった)")]
    private static partial Regex JapaneseAsksForStatus();

    [GeneratedRegex(@"\bstill (?:run|runs|running|open|exists?|available|active|held|going on|in use)\b|\b(?:does|do) (?:the city|it|they) still\b|\balready (?:been )?(?:made|finished|completed|published|decided|set up|opened|started|distributed)\b|\b(?:is|are) (?:it|they|the [a-z ]{1,30}) (?:ready|finished|available|done) yet\b|\bwas there ever\b|\bhas there ever been\b|\bwhen (?:is|will be|'s) the next\b|\bwhen (?:was|did) the last\b|\blast year'?s (?:theme|venue|topic|programme|program|session|workshop|budget|results?)\b")]
    private static partial Regex EnglishAsksForStatus();

    /// <summary>A dated statement: 現在, 令和/平成, a year (2025年).</summary>
    [GeneratedRegex(@"現在|令和|平成|\d{4}\s*年|\b(?:19|20)\d\d\b")]
    private static partial Regex StatusFact();

    /// <summary>The writer says they want to know: 確認したい, 知りたい, 伺いたい, ご教示, "I'd like to know".</summary>
    [GeneratedRegex(@"(?:確認し|聞き|伺い|知り|尋ね|教えてもらい|教えていただき)たい|ご教示|お教え|\b(?:i'd|i would|i) (?:like|want|need) to (?:know|check|confirm|ask)\b")]
    private static partial Regex WishToKnow();

    /// <summary>Another city spoken of: 他市, 他都市, 他の自治体, 政令市, "other cities".</summary>
    [GeneratedRegex(@"他市|他都市|他の自治体|他自治体|政令市|\bother (?:cities|municipalities)\b")]
    private static partial Regex OtherCitiesFact();

    /// <summary>A person or firm named: 山田氏, 〇〇株式会社, "Mr. Tanaka".</summary>
    [GeneratedRegex(@"[一-龥]{1,4}氏(?![名族])|株式会社|有限会社|\b(?:mr|ms|mrs|dr)\.\s")]
    private static partial Regex PersonFact();

    /// <summary>An article cited: 第10条, 第十条, 10条, "Article 3".</summary>
    [GeneratedRegex(@"第?[0-9一二三四五六七八九十百]+条(?!件)|\barticle \d")]
    private static partial Regex ProvisionFact();

    [GeneratedRegex(@"\bhow (?:do|can|should|would|does) (?:i|we|you|they|a group|groups|residents|citizens|people|staff) (?:apply|sign up|register|enrol|enroll|book|reserve)\b|\bsign(?:ing)? up\b|\bapply for\b|\bregister for\b|\bapplication (?:process|procedure|deadline|period)\b|\b(?:need|have) to (?:book|reserve|register|sign up)\b|\breservations?\b")]
    private static partial Regex EnglishAsksForApplication();

    [GeneratedRegex(@"^when (?:is|are|was|were|will|does|do|did|should|can|could|would|must)\b|\bwhen (?:is|are|was|were|will|does|did)\b|\bdeadlines?\b|\bwhat time\b|\bwhich day\b|\bwhat date\b|\bopening hours\b|\bdue date\b|\b(?:what|which) days? of the week\b|\bwhich weekdays?\b|\bhow long (?:does|will|did|would) (?:it|the [a-z -]+) take\b|\bhow many (?:days|weeks|months)\b|\bwhen exactly\b|\b(?:which|what) year\b|\bhow many years\b|\bhow long (?:is|are|will be) (?:each|every|one|a single)\b|\b(?:opening|business|office|service) hours\b|\bwhat hours\b|\b(?:the )?exact (?:date|day|time|timing)\b")]
    private static partial Regex EnglishAsksForTime();

    /// <summary>"How much", "cost", "fee", and a limit in money ("the monetary threshold", "the spending limit", "maximum amount").</summary>
    [GeneratedRegex(@"\bhow much (?:money|funding|funds|budget|subsidy|is|are|does|do|will|would|can)\b|\bcosts?\b|\bfees?\b|\bprices?\b|\bamount of money\b|\b(?:monetary|spending|price|contract|financial|funding|grant|subsidy) (?:threshold|limit|cap|ceiling)s?\b|\b(?:upper|maximum) (?:amount|sum)\b|\bhow many yen\b|\brent(?:al)?s?\b|\bfree of charge\b|\b(?:have|need) to pay\b(?! attention)|\bhow much (?:[a-z]+ ){1,2}(?:will|would|do|does|did|is|are|can|should|must) (?:we|i|they|you|it|the city|the group|groups) (?:pay|get|receive|charge|cost|spend|be paid)\b")]
    private static partial Regex EnglishAsksForAmount();

    [GeneratedRegex(@"\bwho (?:should|do|can|could) (?:i|we) (?:contact|call)\b|\bwho to (?:contact|call)\b|\bphone\b|\btelephone\b|\be-?mail address\b|\bcontact (?:details|person|number)\b|\baddress\b|\bcurrent location\b|\bparking\b|\b(?:where|can|could|may) (?:i|we|you|they|visitors) park\b|\bpark (?:my|our|a|the) cars?\b")]
    private static partial Regex EnglishAsksForContact();

    [GeneratedRegex(@"\btemplates?\b|\bcertificates?\b|\bqualifications?\b|\bcredentials?\b|\b(?:application |entry )?forms?\b(?! a\b)|\bpaperwork\b|\bdocuments? (?:do|to) (?:i|we) (?:need|submit)")]
    private static partial Regex EnglishAsksForDocument();

    /// <summary>A date or time, or how often or at what stage (定期的, 毎年, 終了後): 「見直しはいつ行う？」 is answered by 「定期的に見直す」.</summary>
    [GeneratedRegex(@"定期的|適宜|随時|毎年|毎月|年に?[1-9一二三四]回|ごとに|終了後|終了時|\d{1,4}\s*年度?(?!\s*(?:目|間|以上))|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日(?:まで|から)|\d{1,2}\s*時\s*\d{0,2}\s*分|\d{1,2}:\d\d|令和|平成|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d|\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex TimeFact();

    [GeneratedRegex(@"\d[\d,]*\s*(?:円|万円|千円)|[¥￥]\s*\d|無料|有料")]
    private static partial Regex AmountFact();

    [GeneratedRegex(@"\d{2,4}-\d{2,4}-\d{3,4}|@[a-z0-9.-]+\.[a-z]{2,}|〒|駐車")]
    private static partial Regex ContactFact();

    [GeneratedRegex(@"様式|書式|ひな形|雛形|テンプレート|修了証|証明書|認定証|https?://")]
    private static partial Regex DocumentFact();

    /// <summary>Where or how to apply, sign up or book: 申込, 申請, 受付, 登録, 予約 (「総務課の窓口で予約します」), a link.</summary>
    [GeneratedRegex(@"申込|申し込|申請|応募|受付|登録|エントリー|予約|\breserv|https?://")]
    private static partial Regex ApplicationFact();

    /// <summary>A count or a share: 6割, 3割, 7つ, 120団体, 45%.</summary>
    [GeneratedRegex(@"\d[\d,.]*\s*(?:割|つ|%|％|パーセント|人|名|団体|件|か所|ヶ所|箇所|社|校|施設|分野|部署|法人)|[一二三四五六七八九十]+(?:割|つ|分野)")]
    private static partial Regex CountFact();

    [GeneratedRegex(@"\b(?:two|three|four|five|six|seven|eight|nine|ten)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"^(?:すみません|すいません|質問ですが|質問です|質問|教えてください|教えて|あの|ねえ|ちょっと)[\s、,。:]*")]
    private static partial Regex JapanesePrefix();

    [GeneratedRegex(@"[\s?!。.、,…~〜・]+$")]
    private static partial Regex TrailingPunctuation();

    [GeneratedRegex(@"(?:\d+|[一二三四五六七八九十]+)\s*(?:つ|個|種類|項目|か条|ヶ条|カ条|箇条)(?!目)|一覧表?|リスト(?:アップ|化)?|全部|全て|すべて|ぜんぶ|ざっくり|ざっと|全体像|大まかに|おおまかに|大枠|ひととおり|一通り|まとめて|主な|いくつ|幾つ|何個|何種類|何項目|列挙|挙げて|並べて")]
    private static partial Regex JapaneseListCue();

    [GeneratedRegex(@"(?:どんな|どのような|どういった).{0,12}(?:が|は)(?:ある|あり)")]
    private static partial Regex JapaneseListQuestion();

    [GeneratedRegex(@"\b(?:list|lists|listing|all|every|overview|overall|big picture|in a nutshell|gist|at a glance|enumerate|summary|summari[sz]e|how many)\b|\b\d+\b")]
    private static partial Regex EnglishListCue();

    [GeneratedRegex(@"^(?:and |oh,? and |so )?(?:everything|all of (?:it|them)|(?:the |a )?(?:whole|full|complete|entire) (?:list|thing|picture)|list (?:them|it) all|all,? please)(?:,? (?:please|thanks|thank you))?[\s.!?]*$")]
    private static partial Regex EnglishListAfterthought();

    [GeneratedRegex(@"^(?:全部|ぜんぶ|全て|すべて|一通り|ひととおり|一覧|リスト)(?:で|を)?(?:お願い(?:します|いたします|したい(?:です)?)?|頼む|頼みます|よろしく(?:お願いします)?)?[\s。!！.]*$")]
    private static partial Regex JapaneseListAfterthought();

    [GeneratedRegex(@"[^、,。?!\sはがをもってにで]{1,15}の?(?:ほかに|他に|以外に|以外で|以外だと|以外には|ほかには|他には)")]
    private static partial Regex JapaneseBesides();

    [GeneratedRegex(@"\b(?:besides|other than|apart from|aside from|except(?: for)?|in addition to)\s+(?:(?!(?:do|does|did|is|are|was|were|what|which|how|can|could|will|would|should|that|who)\b)[\w'-]+\s*){1,4},?")]
    private static partial Regex EnglishBesides();

    [GeneratedRegex(@"^(?:what|which) are\b")]
    private static partial Regex EnglishListQuestion();

    [GeneratedRegex(@"^(?:(?:hi|hello|hey|please|so|ok|okay|quick q|q|(?:a |one )?(?:quick|small|short) question)[\s,:\-–—]+)*(?:(?:can|could|would|will) you (?:please )?)?(?:(?:tell me|explain|describe|show me|give me)(?: about)?\s+)?(?:i (?:want|would like|need) to know (?:about )?)?(?:(?:what|which|who|how|why|when|where)(?:'s|\s+(?:is|are|does|do|did|was|were|should|can|will|would))?\s+)?(?:the |a |an )?")]
    private static partial Regex EnglishPrefix();

    [GeneratedRegex(@"[\s,]*(?:\b(?:mean|means|about|please)\b)?[\s?.!,]*$")]
    private static partial Regex EnglishSuffix();

    /// <summary>
    /// A kind noun after a word that points back at what the message told ("this problem", "that kind of issue", "such
    /// situations", "this case"): English's こういう問題 (<see cref="SentenceRoles.PointsBack"/>).
    /// </summary>
    [GeneratedRegex(@"\b(?:this|that|these|those|such|similar)\s+(?:(?:kind|kinds|sort|sorts|type|types)\s+of\s+)?(?:problem|problems|issue|issues|situation|situations|challenge|challenges|difficulty|difficulties)\b")]
    private static partial Regex EnglishPointsBack();

    /// <summary>"In order to" / "in order for": the purpose, not an order (EDICT's 体制) (docs/decisions/0058-english-staff-questions.md).</summary>
    [GeneratedRegex(@"\bin order (?=to\b|for\b)")]
    private static partial Regex EnglishInOrderTo();

    /// <summary>
    /// How the asker wants the answer put, not what about: "in simple terms", "in plain English", "in layman's terms",
    /// "simply put", "in short" (ADR 0056). Left in, "terms" read as EDICT's 言葉 and "simple" as a word no section
    /// holds, and a question that names a principle ("explain 'taitou no gensoku' in simple terms") was refused.
    /// </summary>
    [GeneratedRegex(@"\b(?:in (?:(?:very |really )?(?:simple|simpler|plain|plainer|easy|easier|everyday|layman'?s?|lay|non-technical|basic) (?:terms|english|language|words)|a few words)|in (?:short|brief)(?=\s*[,:.?!]|\s*$)|simply put|put simply|briefly)\b")]
    private static partial Regex EnglishManner();

    [GeneratedRegex(@"<at\b[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mention();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<[^>]{0,200}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")]
    private static partial Regex HtmlEntity();

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"[`*_#>|~]+")]
    private static partial Regex MarkdownSyntax();
}
