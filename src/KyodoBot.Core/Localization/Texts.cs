using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Localization;

/// <summary>
/// User-facing strings, one JSON resource per language (<c>Localization/ja.json</c>, <c>en.json</c>), loaded once.
/// A key missing in English falls back to Japanese; a key missing everywhere is a bug and throws.
/// </summary>
public sealed class Texts
{
    private readonly FrozenDictionary<string, string> _japanese;
    private readonly FrozenDictionary<string, string> _english;

    public Texts()
    {
        _japanese = Load("ja");
        _english = Load("en");
    }

    public string Get(Language language, string key, params object?[] args)
    {
        var table = language == Language.English ? _english : _japanese;
        if (!table.TryGetValue(key, out var template) && !_japanese.TryGetValue(key, out template))
        {
            throw new KeyNotFoundException($"No user-facing text for key '{key}'.");
        }

        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    public IEnumerable<string> Keys(Language language) =>
        (language == Language.English ? _english : _japanese).Keys;

    private static FrozenDictionary<string, string> Load(string language)
    {
        var name = $"KyodoBot.Core.Localization.{language}.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded resource {name}.");
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"Empty resource {name}.");
        return values.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
