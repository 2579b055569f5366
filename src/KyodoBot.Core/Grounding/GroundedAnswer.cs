namespace KyodoBot.Core.Grounding;

/// <summary>
/// What the model said. <see cref="Text"/> keeps the citation markers in ASCII form (<c>[1]</c>, <c>[2]</c>, a list
/// such as <c>[1,2]</c> becomes <c>[1][2]</c>); a marker <c>[n]</c> refers to the n-th passage given to
/// <see cref="GroundedAnswerer.TryAnswerAsync"/>. <see cref="Cited"/> holds the passages the text cites, each once, in
/// the order of their first marker. When <see cref="Answered"/> is false the model found no answer in the passages:
/// <see cref="Text"/> is empty and nothing is cited.
/// </summary>
public sealed record GroundedAnswer(bool Answered, string Text, IReadOnlyList<GroundingPassage> Cited)
{
    public static GroundedAnswer NoAnswer { get; } = new(false, "", []);
}
