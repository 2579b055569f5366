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
                string Text(string option) => Core.Text.TextNormalizer.Normalize(parsed.GetValue<string>(option));
                var (registration, problems) = ProjectRegistrationValidator.Validate(new RegistrationRequest(
                    Text("--title"), Text("--org"), Text("--department"), Text("--start"), Text("--end"), !parsed.GetValue<bool>("--no-public-funds"),
                    parsed.GetValue<string>("--schedule") ?? "annual", parsed.GetValue<string>("--dates") ?? "", "cli", parsed.GetValue<string>("--reference")));
                if (registration is null)
                {
                    foreach (var problem in problems)
                    {
                        await Console.Error.WriteLineAsync($"projects: {Describe(problem)}");
                    }

                    return 2;
                }

                var project = await services.GetRequiredService<ProjectService>().RegisterAsync(registration, cancellationToken);
                var history = (await store.HistoryAsync(project.Reference, cancellationToken))!;
                Console.WriteLine($"{project.Reference}\t{string.Join(",", history.Dues.Select(d => ProjectService.Format(d.DueDate)))}");
                return 0;

            default:
                await Console.Error.WriteLineAsync($"usage: {Usage}");
                return 2;
        }
    }

    /// <summary>A registration problem in the words of the command line, naming the option.</summary>
    private static string Describe(RegistrationProblem problem) => problem.Kind switch
    {
        RegistrationProblemKind.MissingTitle => "--title is required",
        RegistrationProblemKind.MissingOrganization => "--org is required",
        RegistrationProblemKind.MissingDepartment => "--department is required",
        RegistrationProblemKind.MissingStartDate => "--start is required",
        RegistrationProblemKind.BadStartDate => $"--start takes a date as YYYY-MM-DD, not '{problem.Value}'",
        RegistrationProblemKind.MissingEndDate => "--end is required",
        RegistrationProblemKind.BadEndDate => $"--end takes a date as YYYY-MM-DD, not '{problem.Value}'",
        RegistrationProblemKind.EndBeforeStart => "--end is before --start",
        RegistrationProblemKind.PeriodTooLong =>
            $"--end is more than {EvaluationSchedule.MaxProjectYears} years after --start (a project runs {EvaluationSchedule.MaxProjectYears} years at most)",
        RegistrationProblemKind.BadSchedule => $"--schedule is quarterly, semiannual, annual or dates, not '{problem.Value}'",
        RegistrationProblemKind.BadDates => $"--dates takes dates as YYYY-MM-DD separated by commas; '{problem.Value}' is not one",
        RegistrationProblemKind.TooManyDates =>
            $"--dates gives more than {EvaluationSchedule.MaxEvaluations - 1} dates (a project has at most {EvaluationSchedule.MaxEvaluations} evaluations)",
        RegistrationProblemKind.DatesRequired => "--schedule dates needs --dates",
        RegistrationProblemKind.BadReference => $"--reference must look like PJ-2026-0001 (letters, a year, a number), not '{problem.Value}'",
        _ => problem.Kind.ToString(),
    };
}
