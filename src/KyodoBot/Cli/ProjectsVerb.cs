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
    public IReadOnlyList<CliSyntax> Syntax { get; } =
        [
            new("list", 0),
            new("add", 0, CliOption.Text("--title"), CliOption.Text("--org"), CliOption.Text("--department"), CliOption.Text("--start"), CliOption.Text("--end"),
                CliOption.Text("--schedule"), CliOption.Text("--dates"), CliOption.Switch("--no-public-funds"), CliOption.Text("--reference")),
        ];

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var store = services.GetRequiredService<EvaluationStore>();
        switch (args.Count > 0 ? args[0] : "")
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
                    var value = Core.Text.TextNormalizer.Normalize(CliRunner.Option(args, option));
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
                var scheduleText = CliRunner.Option(args, "--schedule") ?? "annual";
                if (!ScheduleKinds.TryParse(scheduleText, out var kind))
                {
                    errors.Add($"--schedule is quarterly, semiannual, annual or dates, not '{scheduleText}'");
                }

                var dates = ProjectService.ParseDates(CliRunner.Option(args, "--dates"));
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

                var reference = CliRunner.Option(args, "--reference");
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
                    title, org, department, start, end, !args.Contains("--no-public-funds"), kind, dates, "cli",
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
