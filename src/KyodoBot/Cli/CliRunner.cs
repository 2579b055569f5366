using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using KyodoBot.Core;
using KyodoBot.Bot;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Options;

namespace KyodoBot.Cli;

/// <summary>
/// A command-line verb of the same executable (<c>dotnet run --project src/KyodoBot -- VERB …</c>). Each verb is one
/// file in this folder holding its <see cref="Command"/> (sub-commands, arguments, options and their checks) and what it
/// does; a new verb is added to <see cref="CliRunner.CreateVerbs"/>.
/// </summary>
public interface ICliVerb
{
    string Name { get; }

    /// <summary>One line for the list of verbs and for the refusal of a bad command line.</summary>
    string Usage { get; }

    /// <summary>The forms the verb accepts; anything else is refused with the usage before the verb runs.</summary>
    Command Command { get; }

    Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>True for a verb that posts to Teams (it needs the bot's identity and the Bot Framework adapter).</summary>
    bool PostsToTeams => false;

    /// <summary>False for the verbs that never open the database (package, ask).</summary>
    bool UsesDatabase => true;
}

/// <summary>Runs a verb with the bot's own configuration (appsettings, environment, user secrets) and Core services.</summary>
public static class CliRunner
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>Every verb, new instances each time (a <see cref="Command"/> belongs to the one root it is parsed under).</summary>
    internal static ICliVerb[] CreateVerbs() =>
        [new PackageVerb(), new AskVerb(), new EvalVerb(), new UnansweredVerb(), new RemindersVerb(), new ExportVerb(), new ProjectsVerb(), new KnowledgeVerb()];

    /// <summary>
    /// True when the command line is for the CLI rather than the bot: a verb, a word that is no verb (an error, not a
    /// bot started by mistake), or a request for help. The bot itself takes only options (<c>--urls</c>, <c>--Key=value</c>).
    /// </summary>
    public static bool IsCommandLine(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args.Any(a => HelpFlags.Contains(a, StringComparer.OrdinalIgnoreCase)));

    public static string OverallUsage =>
        "usage: KyodoBot [--urls URL] [--environment Development|Staging|Production]   (runs the bot)\n" +
        "       KyodoBot VERB [options]   (see VERB --help)\n\nverbs:\n" +
        string.Join("\n", CreateVerbs().Select(v => "  " + v.Usage));

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0].StartsWith('-'))
        {
            Console.WriteLine(OverallUsage);
            return 0;
        }

        var (verb, parsed) = Parse(args);
        if (verb is null)
        {
            await Console.Error.WriteLineAsync($"unknown command '{args[0]}'.\n{OverallUsage}");
            return 2;
        }

        if (parsed.Action is not HelpAction && Refusal(parsed) is { } error)
        {
            await Console.Error.WriteLineAsync($"{verb.Name}: {error}\nusage: {verb.Usage}");
            return 2;
        }

        foreach (var command in Leaves(verb.Command))
        {
            command.SetAction((result, cancellationToken) => RunVerbAsync(verb, result, args[1..], cancellationToken));
        }

        // The verbs report their own failures (RunVerbAsync); anything else is a bug and keeps its stack trace.
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// What is wrong with a command line, in one line without the verb's name (<c>unknown option '--day'; known: --days</c>),
    /// or null when it is good. For tests; <see cref="RunAsync"/> says the same.
    /// </summary>
    internal static string? Check(string[] args)
    {
        var (verb, parsed) = Parse(args);
        return verb is null ? $"unknown command '{args[0]}'" : Refusal(parsed);
    }

    private static (ICliVerb? Verb, ParseResult Parsed) Parse(string[] args)
    {
        var verb = CreateVerbs().FirstOrDefault(v => v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        var root = new RootCommand("KyodoBot (協働ボット): runs the bot, or one command-line verb.");
        if (verb is not null)
        {
            root.Subcommands.Add(verb.Command);
        }

        // "@file" is a question or a path here, never a response file to expand.
        return (verb, root.Parse([verb?.Name ?? args[0], .. args[1..]], new ParserConfiguration { ResponseFileTokenReplacer = null }));
    }

    /// <summary>The first problem with the command line, in the words the verbs have always used; null when there is none.</summary>
    private static string? Refusal(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var subcommands = string.Join(" or ", command.Subcommands.Select(c => c.Name));
        // An unknown "--flag" may have been taken as the value of an argument (ask --jsn 質問), so look at every token.
        var unknownOption = parsed.Tokens.FirstOrDefault(t => t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2)?.Value;
        var unmatched = unknownOption ?? parsed.UnmatchedTokens.FirstOrDefault();
        if (unmatched is not null)
        {
            var options = command.Options.Where(o => o is not HelpOption).Select(o => o.Name).ToList();
            return unmatched.StartsWith('-') ? $"unknown option '{unmatched}'" + (options.Count == 0 ? "" : $"; known: {string.Join(", ", options)}")
                : command.Subcommands.Count > 0 ? $"unknown sub-command '{unmatched}'; use {subcommands}"
                : command.Arguments.Count == 0 ? $"unexpected argument '{unmatched}'"
                : $"unexpected argument '{unmatched}' (quote a text with spaces)";
        }

        if (command.Subcommands.Count > 0)
        {
            return $"say {subcommands}";
        }

        return parsed.Errors.FirstOrDefault() switch
        {
            null => null,
            { SymbolResult: OptionResult { Tokens.Count: 0, IdentifierToken: not null } option } when option.Option.Arity.MinimumNumberOfValues > 0 => $"{option.Option.Name} needs a value",
            { SymbolResult: ArgumentResult { Tokens.Count: 0 } argument } => $"{argument.Argument.Name} is missing",
            var error => error.Message,
        };
    }

    private static IEnumerable<Command> Leaves(Command command) =>
        command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);

    private static async Task<int> RunVerbAsync(ICliVerb verb, ParseResult parsed, string[] rest, CancellationToken cancellationToken)
    {
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
            CheckOptionsEveryVerbNeeds(host.Services, verb);
            storage = host.Services.GetRequiredService<StorageOptions>();
            if (verb.UsesDatabase)
            {
                // Which file a cron job is really using is the first thing to check when its output looks empty.
                await Console.Error.WriteLineAsync($"{verb.Name}: using {storage.Describe()}");
            }

            return await verb.RunAsync(parsed, host.Services, cancellationToken);
        }
        catch (Exception ex) when (ConfigurationErrors.MessageOf(ex) is { } message)
        {
            // KyodoConfigurationException, or an options validation failure surfacing where a service reads .Value.
            await Console.Error.WriteLineAsync($"{verb.Name}: {message}");
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
    /// A verb runs no start-up validation (it never starts a host), so a section is checked when a service first needs
    /// it. These are checked before the verb runs, as they were when they were read at registration: the <c>Kyodo</c>
    /// section for every verb, and <c>Teams:RateLimits</c> for a verb that posts (which may find nothing to post).
    /// </summary>
    private static void CheckOptionsEveryVerbNeeds(IServiceProvider services, ICliVerb verb)
    {
        _ = services.GetRequiredService<IOptions<KyodoBot.Core.Access.KyodoOptions>>().ValueOrConfigurationError();
        if (verb.PostsToTeams)
        {
            _ = services.GetRequiredService<KyodoBot.Bot.Throttling.RateLimitOptions>();
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
