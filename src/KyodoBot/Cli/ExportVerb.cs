using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;

namespace KyodoBot.Cli;

/// <summary><c>export --format csv|json [--out FILE]</c>: projects with their evaluations, ready to publish (公開の原則).</summary>
public sealed class ExportVerb : ICliVerb
{
    public string Name => "export";
    public string Usage => "export --format csv|json [--out FILE]   (CSV is UTF-8 with BOM; without --out, to standard output)";
    public IReadOnlyList<CliSyntax> Syntax { get; } = [new(null, 0, CliOption.Text("--format"), CliOption.Text("--out"))];

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, CancellationToken cancellationToken)
    {
        var format = (CliRunner.Option(args, "--format") ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "json"))
        {
            await Console.Error.WriteLineAsync($"export: --format is csv or json, not '{format}'");
            return 2;
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var projects = await services.GetRequiredService<EvaluationStore>().AllHistoriesAsync(cancellationToken);
        var zone = services.GetRequiredService<EvaluationOptions>().TimeZone;
        var outPath = CliRunner.Option(args, "--out") is { } o ? CliRunner.UserPath(o) : null;
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
