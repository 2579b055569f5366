namespace KyodoBot.Core.Knowledge;

/// <summary>
/// What a section is (<c>&lt;!-- kind: challenge --&gt;</c> in the knowledge file): a principle of conduct, a problem
/// the manual states, a measure the city will take, a note, or a section that lists others. A question that asks for a
/// problem or for a measure (<see cref="AskedKind"/>) prefers a section of that kind among near-tied candidates
/// (docs/decisions/0047-section-facets.md).
/// </summary>
public enum SectionKind
{
    /// <summary>Not stated (a document read from Word or PDF).</summary>
    Unstated,

    /// <summary>A principle of conduct (行動規範).</summary>
    Principle,

    /// <summary>A problem, a shortage, a lack (課題).</summary>
    Challenge,

    /// <summary>A measure that will be taken (取り組み: 研修, 講座, 支援, 仕組みづくり, 見直し).</summary>
    Initiative,

    /// <summary>A footnote or a note beside the principles.</summary>
    Note,

    /// <summary>An introduction or overview that lists other sections.</summary>
    List,
}

/// <summary>
/// Whom a section is about (<c>&lt;!-- actor: npo --&gt;</c>; several separated by commas). <see cref="All"/> is a
/// section that applies to every partner (the principles, the chapter introductions).
/// </summary>
[Flags]
public enum SectionActor
{
    None = 0,

    /// <summary>Every party alike (各主体に共通).</summary>
    Common = 1,

    /// <summary>NPOs and volunteer groups (NPO法人・ボランティア団体, 市民活動団体).</summary>
    Npo = 2,

    /// <summary>City hall and its staff (市役所, 職員).</summary>
    City = 4,

    /// <summary>Citizens at large (市民の参加促進).</summary>
    Citizens = 8,

    /// <summary>Every partner: the principles and the sections that introduce a whole chapter.</summary>
    All = 16,
}

/// <summary>The kind of section a question asks for, read from its wording (<see cref="QuestionAnalyzer"/>).</summary>
public enum AskedKind
{
    /// <summary>No cue, or cues of two kinds that do not decide.</summary>
    Any,

    /// <summary>A problem or a state: 課題, 問題, 足りない, 不足, 困って, "problem", "lack".</summary>
    Challenge,

    /// <summary>A measure or a plan: 取り組み, 予定, 手を打つ, 支援, 研修, "plan", "what is the city doing".</summary>
    Initiative,

    /// <summary>How to behave: どうすれば, 気をつける, べき, "should I".</summary>
    Conduct,
}

/// <summary>Reading the facet values of a knowledge file (<see cref="KnowledgeParser"/>).</summary>
public static class SectionFacets
{
    private static readonly Dictionary<string, SectionKind> Kinds = new(StringComparer.Ordinal)
    {
        ["principle"] = SectionKind.Principle,
        ["challenge"] = SectionKind.Challenge,
        ["initiative"] = SectionKind.Initiative,
        ["note"] = SectionKind.Note,
        ["list"] = SectionKind.List,
    };

    private static readonly Dictionary<string, SectionActor> Actors = new(StringComparer.Ordinal)
    {
        ["common"] = SectionActor.Common,
        ["npo"] = SectionActor.Npo,
        ["city"] = SectionActor.City,
        ["citizens"] = SectionActor.Citizens,
        ["all"] = SectionActor.All,
    };

    /// <summary>The names a file may use, for the parser's message.</summary>
    public static string KindNames => string.Join(", ", Kinds.Keys);

    /// <inheritdoc cref="KindNames"/>
    public static string ActorNames => string.Join(", ", Actors.Keys);

    public static bool TryKind(string name, out SectionKind kind) => Kinds.TryGetValue(name, out kind);

    public static bool TryActor(string name, out SectionActor actor) => Actors.TryGetValue(name, out actor);

    /// <summary>The asked kind a section of this kind answers (a list or a note answers none in particular).</summary>
    public static AskedKind Answers(this SectionKind kind) => kind switch
    {
        SectionKind.Challenge => AskedKind.Challenge,
        SectionKind.Initiative => AskedKind.Initiative,
        SectionKind.Principle => AskedKind.Conduct,
        _ => AskedKind.Any,
    };
}
