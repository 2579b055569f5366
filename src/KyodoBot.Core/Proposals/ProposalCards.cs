using System.Globalization;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Dialogs.Parsing;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// The review card a department receives (and the same card once decided). Everything the proposer typed goes into
/// TextRuns / FactSet values, never into Markdown text, so nobody can plant a link in a department's channel.
/// </summary>
public sealed class ProposalCards(CardTemplates cards, DialogCatalog catalog, DialogEngine engine, Texts texts)
{
    /// <param name="state">The state to show, when it is not yet stored (the card is posted before the proposal is marked under review).</param>
    public string Review(Proposal proposal, Language language, ProposalState? state = null)
    {
        var shown = state ?? proposal.State;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var answers = ProposalService.ReadAnswers(proposal.AnswersJson);
        var definition = catalog.Get(DialogCatalog.ProposalIntake);
        var summary = engine.Summarize(definition, answers, language);
        var (flags, flagged) = Flags(definition, answers, language);
        var legend = Legend(definition, summary, language);
        var decided = shown is ProposalState.Accepted or ProposalState.Returned;
        var data = new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("proposal.review.heading", proposal.Reference),
            ["projectTitle"] = proposal.Title,
            ["glance"] = Glance(proposal, answers, language),
            ["hasFlags"] = flags.Count > 0,
            ["flagsHeading"] = T("proposal.review.flagsHeading", flags.Count),
            ["flags"] = flags,
            ["noFlagsShown"] = flags.Count == 0,
            ["noFlags"] = T("proposal.review.noFlags"),
            ["hasLegend"] = legend.Length > 0,
            ["legend"] = legend,
            ["facts"] = new JsonArray(
                Fact(T("proposal.review.organization"), proposal.Organization),
                Fact(T("proposal.review.proposer"), proposal.ProposerName ?? proposal.ProposerId),
                Fact(T("proposal.review.submitted"), Local(proposal.CreatedAt, language))),
            ["decided"] = decided,
            ["decisionStyle"] = shown == ProposalState.Accepted ? "good" : "attention",
            ["decisionLine"] = decided
                ? T(shown == ProposalState.Accepted ? "proposal.review.acceptedBy" : "proposal.review.returnedBy",
                    proposal.DecidedByName ?? proposal.DecidedBy, proposal.DecidedAt is { } at ? Local(at, language) : "")
                : "",
            ["hasReturnComment"] = !string.IsNullOrEmpty(proposal.ReturnComment),
            ["returnComment"] = proposal.ReturnComment ?? "",
            ["sections"] = Sections(summary, language, principlesOf: definition, flagged: flagged),
            ["open"] = shown == ProposalState.UnderReview,
            ["proposalId"] = proposal.Id,
            ["acceptLabel"] = T("proposal.review.accept"),
            ["returnLabel"] = T("proposal.review.return"),
            ["returnCommentLabel"] = T("proposal.review.returnComment"),
            ["returnCommentError"] = T("proposal.review.returnCommentRequired"),
            ["returnSubmitLabel"] = T("proposal.review.returnSubmit"),
        };
        return cards.Render("proposal-review", data);
    }

    /// <summary>The intake's summary before 送信: every answer (as TextRuns) and the buttons 送信 / 修正 / キャンセル.</summary>
    public string Summary(DialogSummary summary, Language language)
    {
        string T(string key) => texts.Get(language, key);
        return cards.Render("proposal-summary", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = summary.Title,
            ["intro"] = T("dialog.summary.intro"),
            ["sections"] = Sections(summary, language),
            ["actionsHint"] = T("dialog.summary.actions"),
            ["submitLabel"] = T("proposal.summary.submit"),
            ["submitCommand"] = T("proposal.summary.submit"),
            ["editLabel"] = T("proposal.summary.edit"),
            ["editCommand"] = T("proposal.summary.edit"),
            ["cancelLabel"] = T("proposal.summary.cancel"),
            ["cancelCommand"] = T("proposal.summary.cancel"),
        });
    }

    /// <summary>A summary card that is done: what happened to it, no buttons left.</summary>
    public string SummaryDone(string heading, string status, string statusColor, Language language) =>
        cards.Render("proposal-summary-done", new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = heading,
            ["status"] = status,
            ["statusColor"] = statusColor,
            ["hint"] = texts.Get(language, "proposal.summary.doneHint"),
        });

    /// <summary>
    /// The answers, compact (issue #12, item 5): a short answer is one row, label beside value; a long or multi-line
    /// answer keeps its label above the wrapped text. On the review card a field's principle is a circled number
    /// (「提案団体名 ②」) explained once by <see cref="Legend"/>, not 「（「2 相互理解の原則」）」 on every label.
    /// Values stay in TextRuns (never Markdown).
    /// </summary>
    private JsonArray Sections(DialogSummary summary, Language language, DialogDefinition? principlesOf = null, IReadOnlySet<string>? flagged = null) =>
        new(summary.Sections.Select(section => (JsonNode)new JsonObject
        {
            ["title"] = section.Title,
            ["items"] = new JsonArray(section.Items.Select(item =>
            {
                var flag = flagged?.Contains(item.FieldId) == true;
                var number = principlesOf?.Fields.FirstOrDefault(f => f.Id == item.FieldId)?.Principle;
                var label = number is { } n ? $"{item.Label} {Circled(n)}" : item.Label;
                var value = (item.Value ?? texts.Get(language, "dialog.summary.notGiven")) + (item.Comment is null ? "" : " — " + item.Comment);
                var isLong = IsLong(value);
                return (JsonNode)new JsonObject
                {
                    ["label"] = flag ? "⚠ " + label : label,
                    ["value"] = value,
                    ["valueColor"] = flag ? "Attention" : "Default",
                    ["short"] = !isLong,
                    ["long"] = isLong,
                    // Rows sit as close as a FactSet's; a long answer stands apart, so its label is not read as the row above's.
                    ["spacing"] = isLong ? "Medium" : "None",
                };
            }).ToArray()),
        }).ToArray());

    /// <summary>Longer than this (or with a line break) an answer gets the card's full width under its label.</summary>
    public const int MaxRowValue = 40;

    internal static bool IsLong(string value) => value.Length > MaxRowValue || value.Contains('\n', StringComparison.Ordinal);

    /// <summary>① … ⑳ for 1 … 20 (the principles are 1–7); the plain number beyond.</summary>
    internal static string Circled(int number) =>
        number is >= 1 and <= 20 ? ((char)('①' + number - 1)).ToString() : number.ToString(CultureInfo.InvariantCulture);

    /// <summary>「公開の原則」 → 「公開」: the legend says once that these are principles.</summary>
    private static string ShortName(string name) => name.EndsWith("の原則", StringComparison.Ordinal) ? name[..^3] : name;

    /// <summary>One line explaining the circled numbers of the principles that the shown fields serve.</summary>
    private string Legend(DialogDefinition definition, DialogSummary summary, Language language)
    {
        var shown = summary.Sections.SelectMany(s => s.Items).Select(i => definition.Fields.FirstOrDefault(f => f.Id == i.FieldId)?.Principle)
            .OfType<int>().ToHashSet();
        var entries = definition.Principles.Where(p => shown.Contains(p.Number))
            .Select(p => $"{Circled(p.Number)} {ShortName(p.Name.Get(language))}");
        return shown.Count == 0 ? "" : texts.Get(language, "proposal.review.principleLegend", string.Join(texts.Get(language, "proposal.review.principleLegendSeparator"), entries));
    }

    /// <summary>
    /// What a reviewer needs at a glance, formatted by us (never Markdown from the proposer, except the department
    /// name, which may be typed and is escaped): budget, period, public funds, department.
    /// </summary>
    private JsonArray Glance(Proposal proposal, IReadOnlyDictionary<string, string> answers, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var notGiven = T("dialog.summary.notGiven");
        var publicFunds = answers.GetValueOrDefault(PublicFundsField);
        var budget = publicFunds == "no" ? T("proposal.review.noBudget")
            : long.TryParse(answers.GetValueOrDefault(BudgetField), NumberStyles.None, CultureInfo.InvariantCulture, out var yen) ? DialogTexts.FormatYen(yen, language)
            : notGiven;
        var period = JapaneseDateParser.TryParse(answers.GetValueOrDefault(StartDateField) ?? "", out var start)
            && JapaneseDateParser.TryParse(answers.GetValueOrDefault(EndDateField) ?? "", out var end)
                ? CardDates.Period(start, end, language)
                : notGiven;
        return new JsonArray(
            Fact(T("proposal.review.budget"), budget),
            Fact(T("proposal.review.period"), period),
            Fact(T("proposal.review.publicFunds"), publicFunds switch { "yes" => T("dialog.yes"), "no" => T("dialog.no"), _ => notGiven }),
            Fact(T("proposal.review.department"), Markdown.Escape(proposal.Department)));
    }

    /// <summary>
    /// ⚠ lines for the reviewer: each principle question answered 「いいえ」 (with the proposer's comment), and each
    /// principle that no question confirmed or denied (unchecked). Also the ids of the 「いいえ」 fields, flagged below.
    /// </summary>
    private (JsonArray Lines, IReadOnlySet<string> Fields) Flags(DialogDefinition definition, IReadOnlyDictionary<string, string> answers, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var lines = new JsonArray();
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var questions = definition.Fields.Where(f => f.Type == FieldType.YesNo && f.Principle is not null && definition.IsVisible(f, answers)).ToList();
        foreach (var field in questions.Where(f => answers.GetValueOrDefault(f.Id) == "no"))
        {
            fields.Add(field.Id);
            var principle = definition.Principle(field.Principle)!;
            var comment = answers.GetValueOrDefault(DialogSession.CommentKey(field.Id));
            lines.Add(new JsonObject
            {
                ["text"] = T("proposal.review.flagNo", field.Label.Get(language), principle.Number, principle.Name.Get(language))
                    + (string.IsNullOrEmpty(comment) ? "" : T("proposal.review.flagComment", comment)),
            });
        }

        foreach (var principle in definition.Principles.Where(p => !questions.Any(f => f.Principle == p.Number && answers.ContainsKey(f.Id))))
        {
            lines.Add(new JsonObject { ["text"] = T("proposal.review.flagUnchecked", principle.Number, principle.Name.Get(language)) });
        }

        return (lines, fields);
    }

    private const string PublicFundsField = "publicFunds";
    private const string BudgetField = "budget";
    private const string StartDateField = "startDate";
    private const string EndDateField = "endDate";

    private static JsonObject Fact(string label, string value) => new() { ["label"] = label, ["value"] = value };

    private static string Local(DateTimeOffset at, Language language) => CardDates.DateTime(at, FiscalYear.Tokyo, language);
}
