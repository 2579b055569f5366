using System.Globalization;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The evaluation cards: reminder (7 days before, due day, overdue), recorded, details/history, schedule, and the
/// admin's registration form. Everything people typed (titles, comments, reasons, names) goes into TextRuns.
/// </summary>
public sealed class EvaluationCards(CardTemplates cards, DialogCatalog catalog, EvaluationOptions options, Texts texts)
{
    public const int MaxRating = 5;

    /// <summary>The details card shows the latest evaluations only, with long texts cut, so it stays far below 80 KB.</summary>
    public const int MaxEvaluationsShown = 8;
    public const int MaxTextShown = 400;

    /// <summary>What the record form sent back, to show again with an error.</summary>
    public sealed record RecordInput(string IssueRating = "", string ConductRating = "", string Principles = "", string Comments = "", string NextSteps = "");

    public string Reminder(DueReminder view, Language language, string? error = null, RecordInput? input = null)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var (project, due, reminder) = (view.Project, view.Due, view.Reminder);
        var kind = reminder.Kind switch
        {
            ReminderKind.Advance => "advance",
            ReminderKind.Overdue => "overdue",
            _ => "due",
        };
        input ??= new RecordInput();
        var open = due.State == DueState.Scheduled;
        var data = new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T($"evaluation.card.{kind}.heading"),
            ["headingStyle"] = kind switch { "overdue" => "attention", "due" => "warning", _ => "accent" },
            ["intro"] = T($"evaluation.card.{kind}.intro", Date(due.DueDate, language)),
            ["projectTitle"] = project.Title,
            ["facts"] = Facts(view, language),
            ["hasError"] = error is not null,
            ["error"] = error ?? "",
            ["questionsHeading"] = T("evaluation.card.questions"),
            ["questions"] = new JsonArray(
                new JsonObject { ["text"] = "1. " + T("evaluation.question.issue") },
                new JsonObject { ["text"] = "2. " + T("evaluation.question.conduct") }),
            ["checkHint"] = T("evaluation.card.checkHint"),
            ["open"] = open,
            ["recordLabel"] = T("evaluation.card.record"),
            ["issueQuestion"] = T("evaluation.question.issue"),
            ["conductQuestion"] = T("evaluation.question.conduct"),
            ["ratingError"] = T("evaluation.record.ratingRequired"),
            ["issueRating"] = input.IssueRating,
            ["conductRating"] = input.ConductRating,
            ["ratings"] = Ratings(language),
            ["principlesLabel"] = T("evaluation.card.principles"),
            ["principleValues"] = input.Principles,
            ["principles"] = Principles(language),
            ["commentsLabel"] = T("evaluation.card.comments"),
            ["comments"] = input.Comments,
            ["nextStepsLabel"] = T("evaluation.card.nextSteps"),
            ["nextSteps"] = input.NextSteps,
            ["recordSubmitLabel"] = T("evaluation.card.recordSubmit"),
            ["canSnooze"] = open && due.SnoozeCount < options.MaxSnoozes,
            ["snoozeLabel"] = T("evaluation.card.snooze", options.SnoozeDays),
            ["snoozeHint"] = T("evaluation.card.snoozeHint", options.SnoozeDays, options.MaxSnoozes - due.SnoozeCount),
            ["snoozeReasonLabel"] = T("evaluation.card.snoozeReason"),
            ["snoozeReasonError"] = T("evaluation.snooze.reasonRequired"),
            ["snoozeSubmitLabel"] = T("evaluation.card.snoozeSubmit"),
            ["detailsLabel"] = T("evaluation.card.details"),
            ["dueId"] = due.Id,
            ["reminderId"] = reminder.Id,
            // The count the card was drawn with: a 延期 sent twice (a redelivered invoke, a stale card) moves the date once.
            ["snoozes"] = due.SnoozeCount,
        };
        return cards.Render("evaluation-reminder", data);
    }

    public string Recorded(DueReminder view, EvaluationRecord record, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var results = new JsonArray(
            Row(T("evaluation.question.issue"), RatingText(record.IssueRating, language)),
            Row(T("evaluation.question.conduct"), RatingText(record.ConductRating, language)));
        if (record.PrincipleChecks.Length > 0)
        {
            results.Add(Row(T("evaluation.card.principles"), PrincipleNames(record.PrincipleChecks, language)));
        }

        if (record.Comments.Length > 0)
        {
            results.Add(Row(T("evaluation.card.comments"), record.Comments));
        }

        if (record.NextSteps.Length > 0)
        {
            results.Add(Row(T("evaluation.card.nextSteps"), record.NextSteps));
        }

        return cards.Render("evaluation-recorded", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("evaluation.recorded.heading"),
            ["recordedLine"] = T("evaluation.recorded.by", record.RecordedByName ?? record.RecordedBy, Local(record.RecordedAt, language)),
            ["projectTitle"] = view.Project.Title,
            ["facts"] = Facts(view, language),
            ["results"] = results,
            ["detailsLabel"] = T("evaluation.card.details"),
            ["dueId"] = view.Due.Id,
            ["reminderId"] = view.Reminder.Id,
        });
    }

    /// <summary>The project and its past evaluations; with a back button when it replaced a reminder card.</summary>
    public string Details(ProjectHistory history, Language language, DueReminder? back = null)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var project = history.Project;
        var evaluations = new JsonArray();
        foreach (var record in history.Evaluations.OrderByDescending(e => e.RecordedAt).Take(MaxEvaluationsShown))
        {
            var lines = new JsonArray(
                Fact(T("evaluation.details.recordedBy"), $"{record.RecordedByName ?? record.RecordedBy} ({Local(record.RecordedAt, language)})"),
                Fact(T("evaluation.question.issue"), RatingText(record.IssueRating, language)),
                Fact(T("evaluation.question.conduct"), RatingText(record.ConductRating, language)));
            if (record.PrincipleChecks.Length > 0)
            {
                lines.Add(Fact(T("evaluation.card.principles"), PrincipleNames(record.PrincipleChecks, language)));
            }

            if (record.Comments.Length > 0)
            {
                lines.Add(Fact(T("evaluation.card.comments"), Cut(record.Comments)));
            }

            if (record.NextSteps.Length > 0)
            {
                lines.Add(Fact(T("evaluation.card.nextSteps"), Cut(record.NextSteps)));
            }

            evaluations.Add(new JsonObject { ["title"] = T("evaluation.details.evaluationOf", Date(record.DueDate, language)), ["lines"] = lines });
        }

        return cards.Render("evaluation-details", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("evaluation.details.heading", project.Reference),
            ["projectTitle"] = project.Title,
            ["facts"] = ProjectFacts(project, language),
            ["scheduleHeading"] = T("evaluation.details.schedule"),
            ["schedule"] = Schedule(history, language),
            ["evaluationsHeading"] = T("evaluation.details.evaluations"),
            ["noEvaluations"] = history.Evaluations.Count == 0,
            ["noEvaluationsText"] = T("evaluation.details.none"),
            ["moreEvaluations"] = history.Evaluations.Count > MaxEvaluationsShown,
            ["moreEvaluationsText"] = T("evaluation.details.more", MaxEvaluationsShown, history.Evaluations.Count),
            ["evaluations"] = evaluations,
            ["hasSnoozes"] = history.Snoozes.Count > 0,
            ["snoozesHeading"] = T("evaluation.details.snoozes"),
            ["snoozes"] = new JsonArray(history.Snoozes.OrderByDescending(s => s.SnoozedAt).Take(MaxEvaluationsShown).Select(s => (JsonNode)new JsonObject
            {
                ["text"] = T("evaluation.details.snoozeLine", Date(s.FromDate, language), Date(s.ToDate, language), s.SnoozedByName ?? s.SnoozedBy, s.Reason),
            }).ToArray()),
            ["hasBack"] = back is not null,
            ["backLabel"] = T("evaluation.details.back"),
            ["dueId"] = back?.Due.Id ?? 0,
            ["reminderId"] = back?.Reminder.Id ?? 0,
        });
    }

    /// <summary>The schedule of a project, with add / move / remove when the viewer may edit it.</summary>
    public string Schedule(ProjectHistory history, Language language, bool canEdit, string? notice = null, bool noticeIsError = false)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var scheduled = Shown(history.Dues.Where(d => d.State == DueState.Scheduled).ToList());
        JsonArray Choices(IEnumerable<EvaluationDue> dues) => new(dues.Select(d => (JsonNode)new JsonObject
        {
            ["title"] = Date(d.DueDate, language) + (d.IsFinal ? " " + T("evaluation.schedule.final") : ""),
            ["value"] = d.Id.ToString(CultureInfo.InvariantCulture),
        }).ToArray());
        var removable = scheduled.Where(d => !d.IsFinal).ToList();
        return cards.Render("project-schedule", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("evaluation.schedule.heading", history.Project.Reference),
            ["projectTitle"] = history.Project.Title,
            ["facts"] = ProjectFacts(history.Project, language),
            ["hasNotice"] = notice is not null,
            ["notice"] = notice ?? "",
            ["noticeColor"] = noticeIsError ? "Attention" : "Good",
            ["scheduleHeading"] = T("evaluation.details.schedule"),
            ["schedule"] = Schedule(history, language),
            ["hint"] = T(canEdit ? "evaluation.schedule.hintEdit" : "evaluation.schedule.hintReadOnly"),
            ["canEdit"] = canEdit,
            ["canMove"] = canEdit && scheduled.Count > 0,
            ["canRemove"] = canEdit && removable.Count > 0,
            ["addLabel"] = T("evaluation.schedule.add"),
            ["moveLabel"] = T("evaluation.schedule.move"),
            ["removeLabel"] = T("evaluation.schedule.remove"),
            ["addSubmitLabel"] = T("evaluation.schedule.addSubmit"),
            ["moveSubmitLabel"] = T("evaluation.schedule.moveSubmit"),
            ["removeSubmitLabel"] = T("evaluation.schedule.removeSubmit"),
            ["dateLabel"] = T("evaluation.schedule.date"),
            ["newDateLabel"] = T("evaluation.schedule.newDate"),
            ["dateError"] = T("evaluation.schedule.dateRequired"),
            ["whichLabel"] = T("evaluation.schedule.which"),
            ["whichError"] = T("evaluation.schedule.whichRequired"),
            ["movable"] = Choices(scheduled),
            ["removable"] = Choices(removable),
            ["projectId"] = history.Project.Id,
        });
    }

    /// <summary>What the registration form sent back (kept on the card when something must be corrected).</summary>
    public sealed record RegistrationInput(string Title = "", string Organization = "", string Department = "", string StartDate = "",
        string EndDate = "", string PublicFunds = "yes", string Schedule = "", string Dates = "");

    public string RegisterForm(Language language, IReadOnlyList<string> departments, RegistrationInput? input = null, IReadOnlyList<string>? errors = null)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        input ??= new RegistrationInput();
        return cards.Render("project-register", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("evaluation.register.heading"),
            ["intro"] = T("evaluation.register.intro"),
            ["errors"] = new JsonArray((errors ?? []).Select(e => (JsonNode)new JsonObject { ["text"] = e }).ToArray()),
            ["titleLabel"] = T("evaluation.register.title"),
            ["organizationLabel"] = T("evaluation.register.organization"),
            ["departmentLabel"] = T("evaluation.register.department"),
            ["departmentHint"] = departments.Count == 0 ? T("evaluation.register.noDepartments")
                : T("evaluation.register.departments", string.Join(language == Language.English ? ", " : "、", departments)),
            ["startLabel"] = T("evaluation.register.start"),
            ["endLabel"] = T("evaluation.register.end"),
            ["publicFundsLabel"] = T("evaluation.register.publicFunds"),
            ["scheduleLabel"] = T("evaluation.register.schedule"),
            ["schedules"] = new JsonArray(Enum.GetValues<ScheduleKind>().Select(k => (JsonNode)new JsonObject
            {
                ["title"] = ScheduleName(k, language),
                ["value"] = k.ToValue(),
            }).ToArray()),
            ["datesLabel"] = T("evaluation.register.dates"),
            ["requiredError"] = T("evaluation.register.required"),
            ["submitLabel"] = T("evaluation.register.submit"),
            ["title"] = input.Title,
            ["organization"] = input.Organization,
            ["department"] = input.Department,
            ["startDate"] = input.StartDate,
            ["endDate"] = input.EndDate,
            ["publicFunds"] = input.PublicFunds,
            ["schedule"] = input.Schedule,
            ["dates"] = input.Dates,
        });
    }

    public string ScheduleName(ScheduleKind kind, Language language) => texts.Get(language, "evaluation.scheduleKind." + kind.ToValue());

    public string RatingText(int rating, Language language) =>
        $"{rating} / {MaxRating}（{texts.Get(language, $"evaluation.rating.{rating}")}）";

    public string PrincipleNames(string checks, Language language)
    {
        var definition = catalog.Get(DialogCatalog.ProposalIntake);
        var names = checks.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => int.TryParse(n, out var number) ? definition.Principle(number) : null)
            .OfType<PrincipleDefinition>()
            .Select(p => $"{p.Number}. {p.Name.Get(language)}");
        return string.Join(language == Language.English ? ", " : "、", names);
    }

    private JsonArray Facts(DueReminder view, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var facts = ProjectFacts(view.Project, language);
        facts.Add(Fact(T("evaluation.card.due"), Date(view.Due.DueDate, language) + (view.Due.IsFinal ? " " + T("evaluation.schedule.final") : "")));
        if (view.Due.SnoozeCount > 0)
        {
            facts.Add(Fact(T("evaluation.card.snoozed"), T("evaluation.card.snoozedValue", Date(view.Due.PlannedDate, language), view.Due.SnoozeCount, options.MaxSnoozes)));
        }

        return facts;
    }

    private JsonArray ProjectFacts(Project project, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        return new JsonArray(
            Fact(T("evaluation.card.reference"), project.Reference),
            Fact(T("evaluation.card.organization"), project.Organization),
            Fact(T("evaluation.card.department"), project.Department),
            Fact(T("evaluation.card.period"), T("evaluation.card.periodValue", Date(project.StartDate, language), Date(project.EndDate, language))),
            Fact(T("evaluation.card.schedule"), ScheduleName(project.Schedule, language)));
    }

    private JsonArray Schedule(ProjectHistory history, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var dues = history.Dues.Where(d => d.State != DueState.Removed).ToList();
        var shown = Shown(dues);
        var rows = new JsonArray(shown.Select(d => (JsonNode)new JsonObject
        {
            ["date"] = Date(d.DueDate, language),
            ["state"] = T("evaluation.dueState." + d.State.ToString().ToLowerInvariant())
                + (d.IsFinal ? " " + T("evaluation.schedule.final") : "")
                + (d.SnoozeCount > 0 ? " " + T("evaluation.schedule.snoozedTimes", d.SnoozeCount) : ""),
        }).ToArray());
        if (shown.Count < dues.Count)
        {
            rows.Add(new JsonObject
            {
                ["date"] = "…",
                ["state"] = T("evaluation.schedule.more", (dues.Count - shown.Count).ToString("N0", CultureInfo.InvariantCulture), EvaluationSchedule.MaxEvaluations),
            });
        }

        return rows;
    }

    /// <summary>
    /// At most <see cref="EvaluationSchedule.MaxEvaluations"/> dates on a card, so that it stays under 80 KB even for
    /// a project made before the bounds (one ending in 2999 had 3,891): the earliest still open first, then the
    /// latest done, and always the final evaluation.
    /// </summary>
    private static List<EvaluationDue> Shown(List<EvaluationDue> dues)
    {
        const int most = EvaluationSchedule.MaxEvaluations;
        if (dues.Count <= most)
        {
            return dues;
        }

        var final = dues.Where(d => d.IsFinal).Take(1).ToList();
        var open = dues.Where(d => !d.IsFinal && d.State == DueState.Scheduled).OrderBy(d => d.DueDate).Take(most - final.Count).ToList();
        var done = dues.Where(d => !d.IsFinal && d.State != DueState.Scheduled).OrderByDescending(d => d.DueDate).Take(most - final.Count - open.Count);
        return [.. open.Concat(done).Concat(final).OrderBy(d => d.DueDate)];
    }

    private JsonArray Ratings(Language language) =>
        new(Enumerable.Range(1, MaxRating).Select(n => (JsonNode)new JsonObject
        {
            ["title"] = $"{n}（{texts.Get(language, $"evaluation.rating.{n}")}）",
            ["value"] = n.ToString(CultureInfo.InvariantCulture),
        }).ToArray());

    private JsonArray Principles(Language language) =>
        new(catalog.Get(DialogCatalog.ProposalIntake).Principles.Select(p => (JsonNode)new JsonObject
        {
            ["title"] = $"{p.Number}. {p.Name.Get(language)}",
            ["value"] = p.Number.ToString(CultureInfo.InvariantCulture),
        }).ToArray());

    private static JsonObject Fact(string label, string value) => new() { ["label"] = label, ["value"] = value };

    /// <summary>
    /// A recorded result as on the compact summary and review cards (ADR 0027): a short value is one row beside its
    /// label, a long or multi-line one (a comment) keeps its label above the full-width text, set apart.
    /// </summary>
    private static JsonObject Row(string label, string value)
    {
        var isLong = Proposals.ProposalCards.IsLong(value);
        return new JsonObject
        {
            ["label"] = label,
            ["value"] = value,
            ["short"] = !isLong,
            ["long"] = isLong,
            ["spacing"] = isLong ? "Medium" : "None",
        };
    }

    private static string Cut(string text) => text.Length <= MaxTextShown ? text : text[..MaxTextShown] + "…";

    /// <summary>Dates on cards read as the dialog writes them: 2027年4月1日 (April 1, 2027 in English).</summary>
    private static string Date(DateOnly date, Language language) => CardDates.Date(date, language);

    /// <summary>2027年10月1日 09:00 in the city's time zone.</summary>
    private string Local(DateTimeOffset at, Language language) => CardDates.DateTime(at, options.TimeZone, language);
}
