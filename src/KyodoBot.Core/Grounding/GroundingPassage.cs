namespace KyodoBot.Core.Grounding;

/// <summary>One retrieved section the model may answer from; it is shown to the model as <c>[n] Title</c>.</summary>
public sealed record GroundingPassage(string Id, string Title, string Text);
