using KyodoBot.Core;
using KyodoBot.Bot;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary>A command-line verb of the same executable (<c>dotnet run --project src/KyodoBot -- VERB …</c>).</summary>
public interface ICliVerb
{
    string Name { get; }
    string Usage { get; }

    /// <summary>The forms the verb accepts; anything else is refused with the usage before the verb runs.</summary>
    IReadOnlyList<CliSyntax> Syntax { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>True for a verb that posts to Teams (it needs the bot's identity and the Bot Framework adapter).</summary>
    bool PostsToTeams => false;

    /// <summary>False for the verbs that never open the database (package, ask).</summary>
    bool UsesDatabase => true;
}

/// <summary>Runs a verb with the bot's own configuration (appsettings, environment, user secrets) and Core services.</summary>
public static class CliRunner
{
    private static readonly ICliVerb[] Verbs = [new PackageVerb(), new AskVerb(), new EvalVerb(), new UnansweredVerb(), new RemindersVerb(), new ExportVerb(), new ProjectsVerb(), new KnowledgeVerb()];

    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>
    /// True when the command line is for the CLI rather than the bot: a verb, a word that is no verb (an error, not a
    /// bot started by mistake), or a request for help. The bot itself takes only options (<c>--urls</c>, <c>--Key=value</c>).
    /// </summary>
    public static bool IsCommandLine(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args.Any(a => HelpFlags.Contains(a, StringComparer.OrdinalIgnoreCase)));

    public static string OverallUsage =>
        "usage: KyodoBot [--urls URL] [--environment Development|Staging|Production]   (runs the bot)\n" +
        "       KyodoBot VERB [options]   (see VERB --help)\n\nverbs:\n" +
        string.Join("\n", Verbs.Select(v => "  " + v.Usage));

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = Verbs.FirstOrDefault(v => v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (verb is null)
        {
            if (args[0].StartsWith('-'))
            {
                Console.WriteLine(OverallUsage);
                return 0;
            }

            await Console.Error.WriteLineAsync($"unknown command '{args[0]}'.\n{OverallUsage}");
            return 2;
        }

        var rest = args.Skip(1).ToArray();
        if (rest.Any(a => HelpFlags.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            Console.WriteLine($"usage: {verb.Usage}");
            return 0;
        }

        if (CliSyntax.Check(verb.Syntax, rest) is { } error)
        {
            await Console.Error.WriteLineAsync($"{verb.Name}: {error}\nusage: {verb.Usage}");
            return 2;
        }

        StorageOptions? storage = null;
        try
        {
            var environment = HostEnvironmentName.ForThisProcess(rest);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                ApplicationName = typeof(CliRunner).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                // The same environment, by the same rule, as the web host.
                EnvironmentName = environment,
            });
            builder.Configuration.AddUserSecrets(typeof(CliRunner).Assembly, optional: true);
            // Output is the verb's (ask --json prints exactly one JSON object); logs go to standard error.
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("KyodoBot", LogLevel.Warning);
            // A database that cannot be opened is reported once, in one line, below; EF's own error would repeat it.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
            builder.Services.AddKyodoCore(builder.Configuration);
            if (verb.PostsToTeams)
            {
                // reminders send-due posts through the same Bot Framework port (and rate limiter) as the web host.
                builder.Services.AddKyodoBotFramework(builder.Configuration, builder.Environment);
            }
            else
            {
                builder.Services.AddSingleton<IChannelMessenger, NoTeamsMessenger>();
            }
            using var host = builder.Build();
            storage = host.Services.GetRequiredService<StorageOptions>();
            if (verb.UsesDatabase)
            {
                // Which file a cron job is really using is the first thing to check when its output looks empty.
                await Console.Error.WriteLineAsync($"{verb.Name}: using {storage.Describe()}");
            }

            return await verb.RunAsync(rest, host.Services, CancellationToken.None);
        }
        catch (KyodoConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"{verb.Name}: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (storage is not null && DatabaseMigrator.IsStorageFailure(ex))
        {
            await Console.Error.WriteLineAsync($"{verb.Name}: {DatabaseMigrator.Unavailable(storage, ex).Message}");
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file the user named (--out, eval FILE) that cannot be written or read: say which, without a stack trace.
            await Console.Error.WriteLineAsync($"{verb.Name}: {ex.Message}");
            return 2;
        }
    }

    /// <summary>
    /// A path the user typed, relative to the directory they typed it in. <c>dotnet run</c> starts the program in the
    /// project's folder, but keeps the shell's <c>PWD</c>, which is where the user is.
    /// </summary>
    public static string UserPath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var userDirectory = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(Path.Combine(
            !string.IsNullOrEmpty(userDirectory) && Directory.Exists(userDirectory) ? userDirectory : Directory.GetCurrentDirectory(), path));
    }

    /// <summary>The value after <paramref name="option"/>, if present.</summary>
    public static string? Option(IReadOnlyList<string> args, string option)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i].Equals(option, StringComparison.OrdinalIgnoreCase))
            {
                return args[i + 1];
            }
        }

        return null;
    }
}

/// <summary>For the verbs that never post (ask, eval, export …): the services that could post resolve, but do not.</summary>
internal sealed class NoTeamsMessenger : IChannelMessenger
{
    private static InvalidOperationException NotHere() => new("This command-line verb does not post to Teams.");

    public Task<PostedMessage> PostToDepartmentAsync(string department, OutgoingMessage message, CancellationToken cancellationToken) => throw NotHere();

    public Task<PostedMessage> PostToChannelAsync(string channelId, OutgoingMessage message, CancellationToken cancellationToken) => throw NotHere();

    public Task UpdateAsync(PostedMessage posted, OutgoingMessage message, CancellationToken cancellationToken) => throw NotHere();

    public Task<PostedMessage> SendToUserAsync(string userId, OutgoingMessage message, CancellationToken cancellationToken) => throw NotHere();
}
