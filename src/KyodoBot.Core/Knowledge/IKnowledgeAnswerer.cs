using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Knowledge;

/// <summary>Answers a staff question from the manual, or refuses honestly. Never throws on user input.</summary>
public interface IKnowledgeAnswerer
{
    Answer Ask(string question, Language language);

    /// <summary>
    /// A section presented as an answer (for a follow-up or "did you mean" button): its opening text, or the list of
    /// its parts, cited, with its follow-ups. Null when no section has that id.
    /// </summary>
    Answer? Show(string sectionId, Language language);
}
