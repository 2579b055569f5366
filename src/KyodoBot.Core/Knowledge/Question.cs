namespace KyodoBot.Core.Knowledge;

/// <summary>One way a concept can appear in a text: its terms (bigrams or a word), or a single character.</summary>
public sealed record ConceptForm(IReadOnlyList<string> Terms, char? SingleCharacter)
{
    /// <summary>
    /// Each term once: a run like 「協協協…」 repeats one bigram hundreds of times, and the share of terms present is the
    /// same over the distinct terms for any ordinary word.
    /// </summary>
    public IReadOnlyList<string> Terms { get; init; } = Terms.Count < 2 ? Terms : Terms.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>How much of this form the text holds: the share of its terms present, 0..1.</summary>
    public double MatchIn(AnalyzedText text)
    {
        if (SingleCharacter is { } c)
        {
            return text.Text.Contains(c, StringComparison.Ordinal) ? 1 : 0;
        }

        if (Terms.Count == 0)
        {
            return 0;
        }

        var found = 0;
        for (var i = 0; i < Terms.Count; i++) // indexed, not foreach: this runs per concept × section × question
        {
            if (text.Tokens.Contains(Terms[i]))
            {
                found++;
            }
        }

        return (double)found / Terms.Count;
    }
}

/// <summary>
/// A content word of the question (a Japanese run, or an English word/phrase with its glossary translations).
/// <see cref="Weight"/> scales its corpus IDF: a lone kanji (often a verb stem like 出 in 出す) counts half, because it
/// is weaker evidence than a whole term. An English word the glossary does not know counts whole, like a Japanese word
/// the manual lacks ("software" in a question about accounting software; it counted half until the phrasing matcher,
/// which answered the NPO accounting-software question and one about registering an NPO with the prefecture).
/// </summary>
public sealed record Concept(string Key, IReadOnlyList<ConceptForm> Forms, double Weight)
{
    /// <summary>
    /// From a context sentence of a long message, not from the question sentence: it helps rank the sections but does
    /// not count in the coverage (so background words that the manual lacks do not turn a clear question away).
    /// </summary>
    public bool Context { get; init; }

    /// <summary>
    /// From a context sentence that only sets the scene (who asks, what the project is), not one that tells a concern
    /// (<see cref="SentenceRoles.CarriesConcern"/>): it names the situation rather than the matter.
    /// </summary>
    public bool Setting { get; init; }

    /// <summary>
    /// From a context sentence that a vague question made the question's own (<see cref="Question.VagueQuestion"/>):
    /// it counts as asked, and it is still the situation the message tells, whose words the manual may lack
    /// (<see cref="DecisionFeatures.ContextUnknown"/>).
    /// </summary>
    public bool Situation { get; init; }

    /// <summary>
    /// The last word of a compound the question split (保険 in ボランティア保険): what the compound names. When the manual
    /// lacks it, the question asks about something the manual does not cover, however well the rest matches.
    /// </summary>
    public bool Head { get; init; }

    /// <summary>An English word translated only through the EDICT extract, not the hand-written glossary.</summary>
    public bool FromDictionary { get; init; }

    public double MatchIn(AnalyzedText text)
    {
        var best = 0.0;
        for (var i = 0; i < Forms.Count && best < 1; i++)
        {
            best = Math.Max(best, Forms[i].MatchIn(text));
        }

        return best;
    }
}

/// <summary>The kind of fact a question asks for: a section that holds none of that kind cannot answer it.</summary>
public enum AnswerKind
{
    /// <summary>An explanation: any section may answer.</summary>
    Any,

    /// <summary>A date, a deadline, opening hours (いつ, 締切, "when", "deadline").</summary>
    Time,

    /// <summary>A sum of money (いくら, 金額, "how much").</summary>
    Amount,

    /// <summary>A phone number, an address, a contact (電話番号, 連絡先, "phone").</summary>
    Contact,

    /// <summary>A form, a template or a certificate issued (ひな形, 様式, 修了証, "template", "certificate").</summary>
    Document,

    /// <summary>How to apply or sign up (申込, 申し込み, "how do I apply", "sign up"): the section must say where or how.</summary>
    Application,

    /// <summary>A number of things or people (何団体, 何人, 件数, "how many"): the section must hold a count or a share (6割, 7つ).</summary>
    Count,

    /// <summary>
    /// The article of a law or by-law, or what a law lays down (何条, 条文, 法的根拠, 法律上, 「NPO法で決まってる…」, "which
    /// article", "the legal rules", "under the … Act"): the section must cite one (第10条). The manual names laws (NPO法)
    /// but neither quotes nor cites them.
    /// </summary>
    Provision,

    /// <summary>
    /// Who a particular person or firm is (「担当課長は誰？」「講師はどなた」, "who is the director", "which vendor"): the
    /// section must name one (〇〇氏, 株式会社). The manual names roles and bodies but no person; 「誰が何をやるか」 asks
    /// about roles and stays <see cref="Any"/>.
    /// </summary>
    Person,

    /// <summary>
    /// How many times something happens in a period (「年に何回開かれてる？」「何年ごとに見直す？」, "how many times a
    /// year"): the section must give a number of times or a period (年2回, 毎年, 3年ごと). 「定期的に」「適宜」 say that it
    /// recurs, not how often, so they answer 「いつ見直す？」 (<see cref="Time"/>) but not this; "how often should …"
    /// asks for the manual's advice and stays <see cref="Any"/>.
    /// </summary>
    Frequency,

    /// <summary>
    /// The size of a survey: how many were asked or answered, the response rate (回収率, 回答者数, 「何人に配って」,
    /// "sample size"): the section must give a number of people or a rate. A share of the answers (6割) is what the
    /// survey found, not its size.
    /// </summary>
    Sample,

    /// <summary>
    /// What other cities or towns do or lay down (「近隣の政令市で同じような原則を定めているところは」「他市の事例は」,
    /// "what do other cities do"): the section must speak of another city. The manual is one city's policy.
    /// </summary>
    OtherCities,

    /// <summary>
    /// Where a thing the manual names is kept, posted, held or can be seen (「職員用協働マニュアルってどこにある？」「庁内
    /// LANに上がってる？」「何階？」「オンラインで受けられる？」, "where is the manual stored", "which floor"): the section
    /// must say where (所在, a floor, 掲載, online or in person, a link). The manual says what will be made and done, not where its papers are; 「どこに相談すれば」 asks for a
    /// contact (<see cref="Contact"/>), and "where can groups find …" asks what the city offers and stays <see cref="Any"/>.
    /// </summary>
    Place,

    /// <summary>
    /// Where something stands now or what became of it (「マニュアルってもうできてる？」「今も予約できる？」「次の見直しは
    /// いつ？」「去年はどんなテーマだった？」, "does the city still run …", "was there ever …"): the section must be dated
    /// (現在, 令和…). The manual is a plan: it says what will be done, not what has been done since.
    /// </summary>
    Status,
}

/// <summary>A question after cleaning and analysis: what the retriever and the answer composer work from.</summary>
public sealed record Question(
    string Text,
    string Core,
    bool IsEnglish,
    bool AsksForList,
    bool Truncated,
    IReadOnlyList<Concept> Concepts)
{
    /// <summary>
    /// A request for the bot to do something (「会議室を予約して」, "book a taxi") rather than a question: when nothing
    /// in the manual answers it, the refusal says what the bot can do instead of "not in the manual".
    /// </summary>
    public bool IsRequest { get; init; }

    /// <summary>
    /// The question held a list cue (ざっくり, まとめて, "overview") beside the name of one part, so it is not a list
    /// question (<see cref="KnowledgeIndex.Analyze"/>); the phrasing vote compares it without the cue, which the groups'
    /// phrasings share (「団体側の課題、ざっくりでいいから全部」).
    /// </summary>
    public bool ListCueOfOnePart { get; init; }

    /// <summary>
    /// The parts the question names by a word of their heading that sets them apart (「時限性の原則」 names principle 7
    /// and the note on public money), as section ordinals; empty when it names none or several things
    /// (<see cref="KnowledgeIndex.Analyze"/>).
    /// </summary>
    public IReadOnlyList<int> NamedParts { get; init; } = [];

    /// <summary>
    /// A request in the focus or in another sentence of the message (「会議室を予約してください。14時から空いてますか？」):
    /// it does not cap an answer, but a refusal says what the bot can do instead of "not in the manual".
    /// </summary>
    public bool AlsoRequests { get; init; }

    /// <summary>
    /// The kind of fact asked for (<see cref="AnswerKind.Any"/> for an explanation): the focus sentence's, else that of
    /// another question sentence of the message — a date asked first and a second question after it is still a date
    /// question.
    /// </summary>
    public AnswerKind Expects { get; init; }

    /// <summary>
    /// The kind of section the question sentence asks for (<see cref="FacetCue.Kind"/>): a problem, a measure or how to
    /// behave; <see cref="AskedKind.Any"/> without a cue.
    /// </summary>
    public AskedKind AsksKind { get; init; }

    /// <summary>The parties the question sentence names (<see cref="FacetCue.Actors"/>): NPOs, the city, citizens, every party.</summary>
    public SectionActor NamesActors { get; init; }

    /// <summary>The question sentence asks for each or both of several things (<see cref="FacetCue.AsksForEach"/>).</summary>
    public bool AsksForEach { get; init; }

    /// <summary>
    /// A question sentence of the message asks what the manual says (「方針ではどう書かれていますか」, "what does the
    /// policy say"; <see cref="ManualCue"/>): evidence for the answer decision.
    /// </summary>
    public bool AsksWhatTheManualSays { get; init; }

    /// <summary>
    /// The words an English message writes as names, lower-cased ("VLOOKUP", "Excel", "the Local Autonomy Act";
    /// <see cref="QuestionAnalyzer"/>): a question sentence about a name the manual lacks is refused
    /// (docs/decisions/0057-questions-the-manual-does-not-answer.md).
    /// </summary>
    public IReadOnlySet<string> Names { get; init; } = new HashSet<string>();

    /// <summary>
    /// The member asked for by its place (<see cref="PositionCue"/>: 「最初のやつ」 1, 「3番目の課題」 3, "the last one"
    /// <see cref="PositionCue.Last"/>); 0 when the question sentence asks none.
    /// </summary>
    public int Position { get; init; }

    /// <summary>The word the ordinal modifies (やつ, 課題, "one", "principle"): what it counts in.</summary>
    public string PositionHead { get; init; } = "";

    /// <summary>The question sentence says which group it counts in (「7つの約束のうち」, "of the seven").</summary>
    public bool PositionInGroup { get; init; }

    /// <summary>How many sentences the message has (more than one: a situation around the question).</summary>
    public int SentenceCount { get; init; }

    /// <summary>
    /// A long message whose question sentence says little by itself (「こういう場合、方針ではどう考えれば？」): the situation
    /// sentences' concepts count as the question's (<see cref="KnowledgeIndex.Analyze"/>).
    /// </summary>
    public bool VagueQuestion { get; init; }

    /// <summary>
    /// A long message whose question sentence holds only generic words (手続き, 方法, "process", "what should I do") while
    /// most of its situation is in words the manual lacks: the question sentence alone is no evidence for a section.
    /// </summary>
    public bool GenericQuestion { get; init; }

    /// <summary>The message's sentences with their roles (<see cref="SentenceRoles"/>); empty for no question.</summary>
    public IReadOnlyList<MessageSentence> Sentences { get; init; } = [];

    /// <summary>No question at all: a section shown on request is quoted from its beginning.</summary>
    public static Question None { get; } = new("", "", false, false, false, []);
}

/// <summary>A question sentence of a message that asks for a fact of <paramref name="Kind"/>, in the asker's writing.</summary>
public sealed record MissingFact(string Sentence, AnswerKind Kind);

/// <summary>
/// A message split at its fact questions (<see cref="QuestionAnalyzer.SplitFactQuestions"/>): <see cref="Rest"/> is the
/// message without them, which still asks something.
/// </summary>
public sealed record FactSplit(string Rest, IReadOnlyList<MissingFact> Facts);
