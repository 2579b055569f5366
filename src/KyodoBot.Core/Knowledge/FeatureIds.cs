namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Ids of the character features <see cref="PhrasingBayes.Spans"/> yields: ASCII words and Japanese grams in two maps
/// (a word and a gram of the same letters are different features), looked up as spans of the text (no strings made).
/// Shared by <see cref="PhrasingBayes"/> and <see cref="PhrasingLogistic"/>; filled while one is built, read-only after.
/// </summary>
internal sealed class FeatureIds
{
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _grams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _gramLookup;

    public FeatureIds()
    {
        _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _gramLookup = _grams.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> feature, bool word, out int id) => (word ? _wordLookup : _gramLookup).TryGetValue(feature, out id);

    public void Add(ReadOnlySpan<char> feature, bool word, int id) => (word ? _wordLookup : _gramLookup)[feature] = id;
}
