namespace KyodoBot.Core.Ask;

/// <summary>What an editor decided about a question of <c>未回答一覧</c>.</summary>
public enum DecisionKind
{
    /// <summary>Added as an alternate phrasing of a section: the question is answered from now on.</summary>
    Phrasing,

    /// <summary>Registered in <c>knowledge/_not-in-manual.tsv</c>: the manual does not answer it, and that is known.</summary>
    NotInManual,
}

/// <summary>
/// An editor's decision on a question (by <see cref="QuestionRecord.QuestionKey"/>, one per key: a later decision
/// replaces it). A decided question leaves the editors' list: a question the manual does not answer for good, one added
/// as a phrasing only as far as it was asked before the decision (asked again and refused or 👎 afterwards, the
/// phrasing did not help, and it comes back). The knowledge files hold what was learned; this only says who decided and when.
/// </summary>
public sealed class QuestionDecision
{
    public long Id { get; set; }
    public required string QuestionKey { get; set; }
    public DecisionKind Kind { get; set; }
    /// <summary>The section the phrasing was added to (null for <see cref="DecisionKind.NotInManual"/>).</summary>
    public string? SectionId { get; set; }
    /// <summary>Who decided: the admin's Teams user id, or <c>cli:</c> and the login name.</summary>
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
