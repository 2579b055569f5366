namespace KyodoBot.Core.Knowledge;

/// <summary>
/// The loaded, indexed knowledge folder. Thread-safe: a reload builds a new index off to the side and swaps it in
/// atomically, so a reader sees either the old index or the new one, never a mix.
/// </summary>
public interface IKnowledgeBase
{
    /// <summary>True once a first load has finished (even if some files were skipped); for <c>/readyz</c>.</summary>
    bool IsLoaded { get; }

    int SectionCount { get; }

    KnowledgeSection? Find(string sectionId);

    /// <summary>The best sections for a question, best first, for grounding an optional LLM.</summary>
    IReadOnlyList<ScoredPassage> Search(string question, int top);

    /// <summary>
    /// The sections nearest to a question by the ranking the answerer itself uses (phrasing vote and lexical ranking;
    /// for a long message its concern sentences count most), best first.
    /// </summary>
    IReadOnlyList<SectionRef> Nearest(string question, int top);

    /// <summary>Every section, the ones that match the question first (best first), then the rest in file order.</summary>
    IReadOnlyList<ScoredPassage> All(string question);
}
