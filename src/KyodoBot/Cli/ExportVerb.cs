using System.CommandLine;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary><c>export --format csv|json [--out FILE]</c>: projects with their evaluations, ready to publish (公開の原則).</summary>
public sealed class ExportVerb : ICliVerb
{
    public string Name => "export";
    public string Usage => "export --format csv|json [--out FILE]   (CSV is UTF-8 with BOM; without --out, to standard output)";
    private readonly Option<string> _format = CliOptions.OneOf("--format", "csv (the default) or json.", "csv", "json");
    private readonly Option<string> _out = CliOptions.Text("--out", "The file to write (default: standard output).");

    public ExportVerb() => Command = new Command(Name, "Exports the projects with their evaluations, ready to publish.") { _format, _out };

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var format = parsed.GetValue(_format) ?? "csv";

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var projects = await services.GetRequiredService<EvaluationStore>().AllHistoriesAsync(cancellationToken);
        var zone = services.GetRequiredService<EvaluationOptions>().TimeZone;
        var outPath = parsed.GetValue(_out) is { } o ? CliRunner.UserPath(o) : null;
        await using (var output = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath))
        {
            if (format == "csv")
            {
                await EvaluationExport.WriteCsvAsync(output, projects, zone, cancellationToken);
            }
            else
            {
                await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(EvaluationExport.Json(projects, zone) + "\n"), cancellationToken);
            }
        }

        await Console.Error.WriteLineAsync($"{projects.Count} project(s) exported as {format}{(outPath is null ? "" : " to " + outPath)}");
        return 0;
    }
}
