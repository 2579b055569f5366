using System.Collections.Frozen;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// The dialog definitions of <c>dialogs/*.yaml</c>, read and checked once when constructed (resolve it at start-up so
/// that a broken definition stops the bot with a <see cref="KyodoConfigurationException"/> naming file and field).
/// </summary>
public sealed class DialogCatalog
{
    /// <summary>The id of the collaboration-proposal intake (<c>dialogs/proposal-intake.yaml</c>).</summary>
    public const string ProposalIntake = "proposal-intake";

    private readonly FrozenDictionary<string, DialogDefinition> _definitions;

    public DialogCatalog(ContentPaths paths)
        : this(Directory.Exists(paths.Dialogs)
            ? Directory.EnumerateFiles(paths.Dialogs, "*.yaml").Order(StringComparer.Ordinal).Select(DialogDefinitionLoader.LoadFile)
            : throw new KyodoConfigurationException($"Dialog folder not found: {paths.Dialogs} (set Kyodo:ContentRoot)."))
    {
    }

    // Private: a second public constructor would make activation through dependency injection ambiguous.
    private DialogCatalog(IEnumerable<DialogDefinition> definitions)
    {
        var byId = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!byId.TryAdd(definition.Id, definition))
            {
                throw new KyodoConfigurationException(
                    $"Dialog definitions {byId[definition.Id].Source} and {definition.Source} both use the id '{definition.Id}'.");
            }
        }

        _definitions = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A catalog of definitions already loaded (tests, tools).</summary>
    public static DialogCatalog FromDefinitions(IEnumerable<DialogDefinition> definitions) => new(definitions);

    public IEnumerable<DialogDefinition> All => _definitions.Values;

    public DialogDefinition Get(string id) => _definitions.TryGetValue(id, out var definition)
        ? definition
        : throw new KeyNotFoundException($"No dialog definition '{id}' in dialogs/.");

    public bool TryGet(string id, out DialogDefinition definition) => _definitions.TryGetValue(id, out definition!);
}
