namespace KyodoBot.Core.Hosting;

/// <summary>
/// Which environment the process runs in, decided once, before any host is built, so that the Production guard cannot
/// be sidestepped (docs/decisions/0014-safe-start-environment-cli-database.md):
/// <list type="bullet">
/// <item>the sources are <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c> and the <c>--environment</c> argument;
/// each value is trimmed and must be Development, Staging or Production (any case), else start-up stops naming it;</item>
/// <item>sources that disagree stop start-up, naming both, rather than one silently winning;</item>
/// <item>with none set, a binary inside a source checkout (<c>dotnet run</c>, <c>dotnet test</c>) runs in Development and
/// any other binary (a published build) in Production.</item>
/// </list>
/// </summary>
public static class HostEnvironmentName
{
    public const string Development = "Development";
    public const string Staging = "Staging";
    public const string Production = "Production";

    private static readonly string[] Known = [Development, Staging, Production];
    private static readonly string[] Variables = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    public static string Resolve(Func<string, string?> variable, IReadOnlyList<string> args, bool inSourceCheckout)
    {
        var given = new List<(string Source, string Name)>();
        foreach (var name in Variables)
        {
            if (variable(name) is { } value)
            {
                given.Add((name, Canonical(name, value)));
            }
        }

        if (Argument(args) is { } argument)
        {
            given.Add(("--environment", Canonical("--environment", argument)));
        }

        var distinct = given.DistinctBy(g => g.Name).ToList();
        if (distinct.Count > 1)
        {
            throw new KyodoConfigurationException(
                $"The environment is ambiguous: {string.Join(", ", given.Select(g => $"'{g.Source}' is '{g.Name}'"))}. Set one of them, or give them the same value.");
        }

        return distinct.Count == 1 ? distinct[0].Name : inSourceCheckout ? Development : Production;
    }

    /// <summary>The process's own environment variables and arguments; the binary's folder decides the default.</summary>
    public static string ForThisProcess(IReadOnlyList<string> args) =>
        Resolve(Environment.GetEnvironmentVariable, args, ContentPaths.FindCheckout(AppContext.BaseDirectory) is not null);

    private static string Canonical(string source, string value) =>
        Known.FirstOrDefault(k => k.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new KyodoConfigurationException(
            $"'{source}' has the value '{value}'; use Development, Staging or Production (Production requires the bot's credentials).");

    private static string? Argument(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Equals("--environment", StringComparison.OrdinalIgnoreCase))
            {
                return i + 1 < args.Count ? args[i + 1] : "";
            }

            if (args[i].StartsWith("--environment=", StringComparison.OrdinalIgnoreCase))
            {
                return args[i]["--environment=".Length..];
            }
        }

        return null;
    }
}
