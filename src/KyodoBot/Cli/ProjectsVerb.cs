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
                string Text(string option) => Core.Text.TextNormalizer.Normalize(CliRunner.Option(args, option));
                var (registration, problems) = ProjectRegistrationValidator.Validate(new RegistrationRequest(
                    Text("--title"), Text("--org"), Text("--department"), Text("--start"), Text("--end"), !args.Contains("--no-public-funds"),
                    CliRunner.Option(args, "--schedule") ?? "annual", CliRunner.Option(args, "--dates") ?? "", "cli", CliRunner.Option(args, "--reference")));
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
