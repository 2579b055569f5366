using KyodoBot.Core;
using KyodoBot.Bot;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proactive;

namespace KyodoBot.Cli;

/// <summary>A command-line verb of the same executable (<c>dotnet run --project src/KyodoBot -- VERB …</c>).</summary>
public interface ICliVerb
{
    string Name { get; }
    string Usage { get; }
    Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>True for a verb that posts to Teams (it needs the bot's identity and the Bot Framework adapter).</summary>
    bool PostsToTeams => false;
}

/// <summary>Runs a verb with the bot's own configuration (appsettings, environment, user secrets) and Core services.</summary>
public static class CliRunner
{
    private static readonly ICliVerb[] Verbs = [new PackageVerb(), new AskVerb(), new EvalVerb(), new UnansweredVerb(), new RemindersVerb(), new ExportVerb(), new ProjectsVerb()];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && Verbs.Any(v => v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = Verbs.First(v => v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        var rest = args.Skip(1).ToArray();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Console.WriteLine($"usage: {verb.Usage}");
            return 0;
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                ApplicationName = typeof(CliRunner).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                // The same environment as the web host (dotnet run's launch profile sets ASPNETCORE_ENVIRONMENT).
                EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
            });
            builder.Configuration.AddUserSecrets(typeof(CliRunner).Assembly, optional: true);
            // Output is the verb's (ask --json prints exactly one JSON object); logs go to standard error.
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("KyodoBot", LogLevel.Warning);
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
            return await verb.RunAsync(rest, host.Services, CancellationToken.None);
        }
        catch (KyodoConfigurationException ex)
        {
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
