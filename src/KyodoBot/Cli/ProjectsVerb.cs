using System.CommandLine;
using System.Globalization;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary>
/// <c>projects list</c> and <c>projects add …</c>: register a project that predates the bot (admins can also use the
/// 事業登録 card in Teams).
/// </summary>
public sealed class ProjectsVerb : ICliVerb
{
    public string Name => "projects";
    public string Usage =>
        "projects list | projects add --title T --org O --department D --start YYYY-MM-DD --end YYYY-MM-DD " +
        "[--schedule quarterly|semiannual|annual|dates] [--dates YYYY-MM-DD,…] [--no-public-funds] [--reference REF]";
    public Command Command { get; } = new("projects", "Lists the projects, or registers one that predates the bot.")
    {
        new Command("list", "The projects with their schedule and next due date, tab-separated."),
        new Command("add", "Registers a project and schedules its evaluations.")
        {
            CliOptions.Text("--title", "The project's title (required)."),
            CliOptions.Text("--org", "The partner organisation (required)."),
            CliOptions.Text("--department", "The department in charge (required)."),
            CliOptions.Text("--start", "First day, YYYY-MM-DD (required)."),
            CliOptions.Text("--end", "Last day, YYYY-MM-DD (required)."),
            CliOptions.Text("--schedule", "quarterly, semiannual, annual (the default) or dates."),
            CliOptions.Text("--dates", "With --schedule dates: the due dates, YYYY-MM-DD,…"),
            CliOptions.Switch("--no-public-funds", "The project uses no public funds."),
            CliOptions.Text("--reference", "Its reference, e.g. PJ-2026-0001 (default: the next free one)."),
        },
    };

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var store = services.GetRequiredService<EvaluationStore>();
        switch (parsed.CommandResult.Command.Name)
        {
            case "list":
                var all = await store.AllHistoriesAsync(cancellationToken);
                Console.WriteLine("reference\tdepartment\tperiod\tschedule\tnext_due\trecorded\ttitle");
                foreach (var h in all)
                {
                    var next = h.Dues.Where(d => d.State == DueState.Scheduled).Select(d => (DateOnly?)d.DueDate).FirstOrDefault();
                    Console.WriteLine(string.Join('\t', h.Project.Reference, h.Project.Department,
                        $"{ProjectService.Format(h.Project.StartDate)}..{ProjectService.Format(h.Project.EndDate)}", h.Project.Schedule.ToValue(),
                        next is { } n ? ProjectService.Format(n) : "-", h.Evaluations.Count.ToString(CultureInfo.InvariantCulture), h.Project.Title));
                }

                return 0;

            case "add":
                var errors = new List<string>();
                string Required(string option)
                {
                    var value = Core.Text.TextNormalizer.Normalize(parsed.GetValue<string>(option));
                    if (value.Length == 0)
                    {
                        errors.Add($"{option} is required");
                    }

                    return value;
                }

                DateOnly DateOption(string option)
                {
                    var text = Required(option);
                    if (text.Length > 0 && !ProjectService.TryParseDate(text, out var date))
                    {
                        errors.Add($"{option} takes a date as YYYY-MM-DD, not '{text}'");
                    }

                    return ProjectService.TryParseDate(text, out var parsed) ? parsed : default;
                }

                var title = Required("--title");
                var org = Required("--org");
                var department = Required("--department");
                var start = DateOption("--start");
                var end = DateOption("--end");
                var scheduleText = parsed.GetValue<string>("--schedule") ?? "annual";
                if (!ScheduleKinds.TryParse(scheduleText, out var kind))
                {
                    errors.Add($"--schedule is quarterly, semiannual, annual or dates, not '{scheduleText}'");
                }

                var dates = ProjectService.ParseDates(parsed.GetValue<string>("--dates"));
                if (kind == ScheduleKind.Dates && dates.Count == 0)
                {
                    errors.Add("--schedule dates needs --dates");
                }

                if (end < start)
                {
                    errors.Add("--end is before --start");
                }

                switch (EvaluationSchedule.Check(start, end, dates))
                {
                    case ScheduleProblem.PeriodTooLong:
                        errors.Add($"--end is more than {EvaluationSchedule.MaxProjectYears} years after --start (a project runs {EvaluationSchedule.MaxProjectYears} years at most)");
                        break;
                    case ScheduleProblem.TooManyDates:
                        errors.Add($"--dates gives more than {EvaluationSchedule.MaxEvaluations - 1} dates (a project has at most {EvaluationSchedule.MaxEvaluations} evaluations)");
                        break;
                }

                var reference = parsed.GetValue<string>("--reference");
                if (reference is not null && ProjectReference.Normalize(reference) is null)
                {
                    errors.Add($"--reference must look like PJ-2026-0001 (letters, a year, a number), not '{reference}'");
                }

                if (errors.Count > 0)
                {
                    foreach (var error in errors)
                    {
                        await Console.Error.WriteLineAsync($"projects: {error}");
                    }

                    return 2;
                }

                var project = await services.GetRequiredService<ProjectService>().RegisterAsync(new ProjectRegistration(
                    title, org, department, start, end, !parsed.GetValue<bool>("--no-public-funds"), kind, dates, "cli",
                    reference is null ? null : ProjectReference.Normalize(reference)), cancellationToken);
                var history = (await store.HistoryAsync(project.Reference, cancellationToken))!;
                Console.WriteLine($"{project.Reference}\t{string.Join(",", history.Dues.Select(d => ProjectService.Format(d.DueDate)))}");
                return 0;

            default:
                await Console.Error.WriteLineAsync($"usage: {Usage}");
                return 2;
        }
    }
}
