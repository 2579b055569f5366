using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Knowledge;

/// <summary>Answers a staff question from the manual, or refuses honestly. Never throws on user input.</summary>
public interface IKnowledgeAnswerer
{
    Answer Ask(string question, Language language);
}
