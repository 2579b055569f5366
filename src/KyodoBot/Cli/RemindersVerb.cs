using System.CommandLine;
using System.Globalization;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary>
/// <c>reminders list [--days N]</c>: the evaluation reminders still to send. <c>reminders send-due [--as-of INSTANT]</c>:
/// sends everything due at that instant once and exits (for operators who prefer cron, and for tests). Sending twice for
/// the same instant sends nothing the second time.
/// </summary>
public sealed class RemindersVerb : ICliVerb
{
    public string Name => "reminders";
    public string Usage => "reminders list [--days 60] | reminders send-due [--as-of 2027-04-01T09:00+09:00]";
    private readonly Option<int> _days = CliOptions.Count("--days", 60, "How many days ahead to look.");
    private readonly Option<DateTimeOffset?> _asOf = CliOptions.Parsed<DateTimeOffset>("--as-of", "Send what is due at this instant (default: now).",
        (string text, out DateTimeOffset value) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value),
        "--as-of takes an instant with its offset, e.g. 2027-04-01T09:00+09:00");

    public RemindersVerb() => Command = new Command(Name, "Lists or sends the evaluation reminders.")
    {
        new Command("list", "The reminders still to send.") { _days },
        new Command("send-due", "Sends everything due once and exits (twice for the same instant sends nothing the second time).") { _asOf },
    };

    public Command Command { get; }
    public bool PostsToTeams => true;

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var sub = parsed.CommandResult.Command.Name;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var time = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<EvaluationOptions>();
        switch (sub)
        {
            case "list":
                var days = parsed.GetValue(_days);
                var upcoming = await services.GetRequiredService<ReminderOutbox>().UpcomingAsync(time.GetUtcNow().AddDays(days), cancellationToken);
                Console.WriteLine("send_at\tkind\tstate\treference\tdepartment\tdue_date\ttitle\tlast_error");
                foreach (var r in upcoming)
                {
                    Console.WriteLine(string.Join('\t',
                        TimeZoneInfo.ConvertTime(r.Reminder.SendAt, options.TimeZone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture),
                        r.Reminder.Kind.ToString().ToLowerInvariant(), r.Reminder.State.ToString().ToLowerInvariant(), r.Project.Reference,
                        Clean(r.Project.Department), ProjectService.Format(r.Due.DueDate), Clean(r.Project.Title), Clean(r.Reminder.LastError ?? "")));
                }

                await Console.Error.WriteLineAsync($"{upcoming.Count} reminder(s) to send in the next {days} day(s)");
                return 0;

            case "send-due":
                var asOf = parsed.GetValue(_asOf) ?? time.GetUtcNow();
                var result = await services.GetRequiredService<IReminderSweep>().RunAsync(asOf, cancellationToken);
                Console.WriteLine($"sent {result.Sent}, failed {result.Failed}, waiting for a channel {result.Parked} (as of {asOf:yyyy-MM-dd'T'HH:mmzzz})");
                return result.Failed > 0 ? 1 : 0;

            default:
                await Console.Error.WriteLineAsync($"usage: {Usage}");
                return 2;
        }
    }

    private static string Clean(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
