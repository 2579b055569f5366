using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// Projects and their evaluations, ready to publish (公開の原則): CSV (UTF-8 with BOM so that Excel reads Japanese;
/// one row per evaluation date) or JSON (one object per project).
/// </summary>
public static class EvaluationExport
{
    public static readonly string[] CsvColumns =
    [
        "reference", "title", "organization", "department", "start_date", "end_date", "public_funds", "schedule",
        "due_date", "planned_date", "final", "state", "snoozes", "snooze_reasons", "recorded_at", "recorded_by",
        "issue_rating", "conduct_rating", "principles_kept", "comments", "next_steps",
    ];

    /// <summary>The CSV text, without the BOM (see <see cref="WriteCsvAsync"/>).</summary>
    public static string Csv(IReadOnlyList<ProjectHistory> projects, TimeZoneInfo zone)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', CsvColumns)).Append("\r\n");
        foreach (var history in projects)
        {
            var p = history.Project;
            var dues = history.Dues.Where(d => d.State != DueState.Removed).ToList();
            if (dues.Count == 0)
            {
                Row(csv, Project(p).Concat(Enumerable.Repeat("", CsvColumns.Length - 8)));
                continue;
            }

            foreach (var due in dues)
            {
                var record = history.Evaluations.FirstOrDefault(e => e.DueId == due.Id);
                var snoozes = history.Snoozes.Where(s => s.DueId == due.Id).ToList();
                Row(csv, Project(p).Concat(
                [
                    Date(due.DueDate), Date(due.PlannedDate), due.IsFinal ? "yes" : "no", due.State.ToString().ToLowerInvariant(),
                    due.SnoozeCount.ToString(CultureInfo.InvariantCulture), string.Join(" / ", snoozes.Select(s => s.Reason)),
                    record is null ? "" : Local(record.RecordedAt, zone), record?.RecordedByName ?? record?.RecordedBy ?? "",
                    record?.IssueRating.ToString(CultureInfo.InvariantCulture) ?? "", record?.ConductRating.ToString(CultureInfo.InvariantCulture) ?? "",
                    record?.PrincipleChecks.Replace(',', ' ') ?? "", record?.Comments ?? "", record?.NextSteps ?? "",
                ]));
            }
        }

        return csv.ToString();
    }

    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<ProjectHistory> projects, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        await output.WriteAsync(bytes.GetPreamble(), cancellationToken);
        await output.WriteAsync(bytes.GetBytes(Csv(projects, zone)), cancellationToken);
    }

    public static string Json(IReadOnlyList<ProjectHistory> projects, TimeZoneInfo zone)
    {
        var document = projects.Select(history => new
        {
            reference = history.Project.Reference,
            title = history.Project.Title,
            organization = history.Project.Organization,
            department = history.Project.Department,
            startDate = Date(history.Project.StartDate),
            endDate = Date(history.Project.EndDate),
            publicFunds = history.Project.PublicFunds,
            schedule = history.Project.Schedule.ToValue(),
            evaluations = history.Dues.Where(d => d.State != DueState.Removed).Select(due =>
            {
                var record = history.Evaluations.FirstOrDefault(e => e.DueId == due.Id);
                return new
                {
                    dueDate = Date(due.DueDate),
                    plannedDate = Date(due.PlannedDate),
                    final = due.IsFinal,
                    state = due.State.ToString().ToLowerInvariant(),
                    snoozes = history.Snoozes.Where(s => s.DueId == due.Id).Select(s => new
                    {
                        from = Date(s.FromDate),
                        to = Date(s.ToDate),
                        by = s.SnoozedByName ?? s.SnoozedBy,
                        at = Local(s.SnoozedAt, zone),
                        reason = s.Reason,
                    }),
                    record = record is null ? null : new
                    {
                        recordedAt = Local(record.RecordedAt, zone),
                        recordedBy = record.RecordedByName ?? record.RecordedBy,
                        issueRating = record.IssueRating,
                        conductRating = record.ConductRating,
                        principlesKept = record.PrincipleChecks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse),
                        comments = record.Comments,
                        nextSteps = record.NextSteps,
                    },
                };
            }),
        });
        return JsonSerializer.Serialize(document, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        });
    }

    private static IEnumerable<string> Project(Project p) =>
    [
        p.Reference, p.Title, p.Organization, p.Department, Date(p.StartDate), Date(p.EndDate), p.PublicFunds ? "yes" : "no", p.Schedule.ToValue(),
    ];

    private static void Row(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
    }

    /// <summary>
    /// RFC 4180 quoting; a cell that a spreadsheet would read as a formula is prefixed with an apostrophe. Spreadsheets
    /// skip leading blanks before a formula, so the test is on the first character that is not a space of any kind
    /// (space, NBSP, U+3000, …) nor an invisible format character (zero-width space, BOM); a leading tab or CR defuses
    /// on its own. The full-width forms (＝ ＋ － ＠) are defused too: harmless when they are plain text.
    /// </summary>
    public static string Cell(string value)
    {
        if (LooksLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static bool LooksLikeFormula(string value)
    {
        if (value.Length > 0 && value[0] is '\t' or '\r')
        {
            return true;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            return c is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠';
        }

        return false;
    }

    private static string Date(DateOnly date) => ProjectService.Format(date);

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
