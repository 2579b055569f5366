using System.Collections.Frozen;
using System.Text.Json.Nodes;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Cards;

/// <summary>The Adaptive Card templates of <c>cards/*.json</c>, parsed once at start-up.</summary>
public sealed class CardTemplates
{
    private readonly FrozenDictionary<string, JsonNode> _templates;

    public CardTemplates(ContentPaths paths)
    {
        if (!Directory.Exists(paths.Cards))
        {
            throw new InvalidOperationException($"Card folder not found: {paths.Cards} (set Kyodo:ContentRoot).");
        }

        var templates = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(paths.Cards, "*.json"))
        {
            try
            {
                templates[Path.GetFileNameWithoutExtension(file)] = JsonNode.Parse(File.ReadAllText(file))
                    ?? throw new InvalidOperationException("empty document");
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new InvalidOperationException($"Card template {file} is not valid JSON: {ex.Message}", ex);
            }
        }

        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _templates.Keys;

    /// <summary>Binds the template <paramref name="name"/> (file name without <c>.json</c>) to <paramref name="data"/>.</summary>
    public string Render(string name, JsonObject data)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new KeyNotFoundException($"No card template '{name}' in cards/.");
        }

        return CardBinder.Render(template, data);
    }
}
