namespace KyodoBot.Core.Knowledge;

/// <summary>One way a concept can appear in a text: its terms (bigrams or a word), or a single character.</summary>
public sealed record ConceptForm(IReadOnlyList<string> Terms, char? SingleCharacter)
{
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
        foreach (var term in Terms)
        {
            if (text.Tokens.Contains(term))
            {
                found++;
            }
        }

        return (double)found / Terms.Count;
    }
}

/// <summary>
/// A content word of the question (a Japanese run, or an English word/phrase with its glossary translations).
/// <see cref="Weight"/> scales its corpus IDF: a lone kanji (often a verb stem like 出 in 出す) or an English word
/// the glossary does not know counts half, because both are weaker evidence than a whole term.
/// </summary>
public sealed record Concept(string Key, IReadOnlyList<ConceptForm> Forms, double Weight)
{
    public double MatchIn(AnalyzedText text)
    {
        var best = 0.0;
        foreach (var form in Forms)
        {
            best = Math.Max(best, form.MatchIn(text));
            if (best >= 1)
            {
                break;
            }
        }

        return best;
    }
}

/// <summary>A question after cleaning and analysis: what the retriever and the answer composer work from.</summary>
public sealed record Question(
    string Text,
    string Core,
    bool IsEnglish,
    bool AsksForList,
    bool Truncated,
    IReadOnlyList<Concept> Concepts);
