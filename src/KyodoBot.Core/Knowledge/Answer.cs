namespace KyodoBot.Core.Knowledge;

/// <summary>
/// A source the answer quotes: the section (its <see cref="KnowledgeSection.CitationTitle"/>: for a Word or PDF
/// document with the file and page) and a short excerpt of it (for a citation entity or a card).
/// </summary>
public sealed record Citation(string Id, string Title, string Excerpt)
{
    /// <summary>The whole section text, which Teams opens from the citation; null when not known.</summary>
    public string? SectionText { get; init; }

    public static Citation Of(KnowledgeSection section, string quote) =>
        new(section.Id, section.CitationTitle, AnswerComposer.Excerpt(quote)) { SectionText = section.Body };
}

/// <summary>A section offered as a follow-up or a "did you mean".</summary>
public sealed record SectionRef(string Id, string Title);

/// <summary>
/// What the manual says about a question. <see cref="Answered"/> false is an honest refusal: <see cref="Text"/> is
/// then the refusal sentence and <see cref="Suggestions"/> the close sections, if any. See
/// <see cref="KnowledgeAnswerer"/> for how the confidence is computed and where the threshold lies.
/// </summary>
public sealed record Answer(
    bool Answered,
    string Text,
    double Confidence,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<SectionRef> Suggestions,
    bool Truncated)
{
    /// <summary>
    /// A refusal of a request that is not a question for the manual (「会議室を予約して」): its text says what the bot
    /// can do, and it is not recorded as a gap in the manual.
    /// </summary>
    public bool IsRequest { get; init; }

    /// <summary>
    /// The <see cref="Suggestions"/> of a refusal are the sections nearest to the question by the phrasing matcher,
    /// not sections that share its words: the reply says they may be close, not that they answer.
    /// </summary>
    public bool NearSuggestions { get; init; }

    /// <summary>
    /// The question sentences of the message that asked for a fact the manual does not hold (a date, an amount …),
    /// beside the question this answer answers (docs/decisions/0037-two-questions-one-message.md); empty otherwise.
    /// </summary>
    public IReadOnlyList<MissingFact> Missing { get; init; } = [];

    /// <summary>
    /// A refusal of a question for a fact the manual does not hold (a date, an amount …; ADR 0037's
    /// 「…日時や期間、期限については、所管課にご確認ください。」): the kind asked; <see cref="AnswerKind.Any"/> otherwise.
    /// </summary>
    public AnswerKind FactAsked { get; init; }

    /// <summary>What the reply says about <see cref="Missing"/> (「なお、「…」については…」), in the asker's language; empty when none.</summary>
    public string MissingNote { get; init; } = "";

    /// <summary>The figures the confidence came from (calibration tools; null when nothing was ranked).</summary>
    internal AnswerEvidence? Evidence { get; init; }
}

/// <summary>What <see cref="KnowledgeAnswerer"/> weighed for the section ranked first (answered or not).</summary>
/// <param name="Covered">The unit (or the section ranked first) has phrasings: the fitted decision applied, else the lexical confidence.</param>
/// <param name="Capped">A date, amount, count … was asked and the unit holds none: refused whatever the evidence.</param>
/// <param name="Offers">The sections a refusal of the question offers besides the unit (the "did you mean" or near
/// sections), whether it was refused or not: what the operating point is chosen on (<see cref="AnswerDecisionFit"/>).</param>
internal sealed record AnswerEvidence(string Unit, DecisionFeatures Features, bool Covered, bool Capped, bool Request, IReadOnlyList<string> Offers);

/// <summary>A section ranked for a question, with the text an LLM would be given for grounding.</summary>
public sealed record ScoredPassage(KnowledgeSection Section, string Text, double Score);

/// <summary>A knowledge file that could not be loaded, or a problem inside one, with where it is.</summary>
public sealed record KnowledgeLoadError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
