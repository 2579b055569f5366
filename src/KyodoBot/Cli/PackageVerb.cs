using System.CommandLine;
using System.IO.Compression;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Cli;

/// <summary>
/// <c>package [--app-id GUID] [--out FILE]</c>: writes the Teams app package (manifest with the bot id filled in,
/// icons, localisation) to <c>appPackage/build/KyodoBot.zip</c>.
/// </summary>
public sealed class PackageVerb : ICliVerb
{
    private static readonly string[] PackageFiles = ["color.png", "outline.png", "en-us.json"];

    public string Name => "package";
    public string Usage => "package [--app-id <MicrosoftAppId>] [--teams-app-id <guid>] [--out <file.zip>]";
    public bool UsesDatabase => false;
    private readonly Option<string> _appId = CliOptions.Text("--app-id", "The bot's Microsoft App ID (default: MicrosoftAppId from the configuration).");
    private readonly Option<string> _teamsAppId = CliOptions.Text("--teams-app-id", "The Teams app id (default: Kyodo:TeamsAppId, else the bot's id).");
    private readonly Option<string> _out = CliOptions.Text("--out", "The zip to write (default: appPackage/build/KyodoBot.zip).");

    public PackageVerb() => Command = new Command(Name, "Writes the Teams app package (manifest with the bot id, icons, localisation).") { _appId, _teamsAppId, _out };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var paths = services.GetRequiredService<ContentPaths>();
        if (await ReadIdsAsync(parsed, configuration) is not var (appId, teamsAppId))
        {
            return 2;
        }

        var manifestPath = Path.Combine(paths.AppPackage, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            await Console.Error.WriteLineAsync($"package: {manifestPath} not found (set Kyodo:ContentRoot to the folder holding appPackage/).");
            return 2;
        }

        var manifest = (await File.ReadAllTextAsync(manifestPath, cancellationToken))
            .Replace("${{BOT_ID}}", appId, StringComparison.Ordinal)
            .Replace("${{TEAMS_APP_ID}}", teamsAppId, StringComparison.Ordinal);

        var output = parsed.GetValue(_out) is { } requested
            ? CliRunner.UserPath(requested)
            : Path.Combine(paths.AppPackage, "build", "KyodoBot.zip");
        await WriteZipAsync(output, manifest, paths.AppPackage);
        Console.WriteLine($"Wrote {output} (bot id {appId}). Upload it in Teams: Apps → Manage your apps → Upload an app.");
        return 0;
    }

    /// <summary>The bot's id and the Teams app id (the bot's when not set); null after telling what is wrong.</summary>
    private async Task<(string AppId, string TeamsAppId)?> ReadIdsAsync(ParseResult parsed, IConfiguration configuration)
    {
        var appId = (parsed.GetValue(_appId) ?? configuration["MicrosoftAppId"])?.Trim();
        if (string.IsNullOrEmpty(appId))
        {
            await Console.Error.WriteLineAsync(
                "package: no app id is configured. Set MicrosoftAppId (environment variable or user secret) to the bot's " +
                "Microsoft App ID from its Azure Bot registration, or pass --app-id <guid>.");
            return null;
        }

        if (!Guid.TryParse(appId, out _))
        {
            await Console.Error.WriteLineAsync($"package: MicrosoftAppId '{appId}' is not a GUID (expected e.g. 00000000-0000-0000-0000-000000000000).");
            return null;
        }

        var teamsAppId = (parsed.GetValue(_teamsAppId) ?? configuration["Kyodo:TeamsAppId"])?.Trim();
        if (string.IsNullOrEmpty(teamsAppId))
        {
            return (appId, appId);
        }

        if (!Guid.TryParse(teamsAppId, out _))
        {
            await Console.Error.WriteLineAsync($"package: Kyodo:TeamsAppId '{teamsAppId}' is not a GUID.");
            return null;
        }

        return (appId, teamsAppId);
    }

    /// <summary>Writes the zip beside <paramref name="output"/> first, so that a failure leaves no half package.</summary>
    private static async Task WriteZipAsync(string output, string manifest, string appPackage)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temporary = output + ".tmp";
        await using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            await using (var entry = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
            {
                await entry.WriteAsync(manifest);
            }

            foreach (var name in PackageFiles)
            {
                zip.CreateEntryFromFile(Path.Combine(appPackage, name), name);
            }
        }

        File.Move(temporary, output, overwrite: true);
    }
}
