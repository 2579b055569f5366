using System.Globalization;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Localization;

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
        var summary = engine.Summarize(catalog.Get(DialogCatalog.ProposalIntake), answers, language);
        var decided = shown is ProposalState.Accepted or ProposalState.Returned;
        var data = new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["heading"] = T("proposal.review.heading", proposal.Reference),
            ["projectTitle"] = proposal.Title,
            ["facts"] = new JsonArray(
                Fact(T("proposal.review.organization"), proposal.Organization),
                Fact(T("proposal.review.proposer"), proposal.ProposerName ?? proposal.ProposerId),
                Fact(T("proposal.review.department"), proposal.Department),
                Fact(T("proposal.review.submitted"), Local(proposal.CreatedAt))),
            ["decided"] = decided,
            ["decisionStyle"] = shown == ProposalState.Accepted ? "good" : "attention",
            ["decisionLine"] = decided
                ? T(shown == ProposalState.Accepted ? "proposal.review.acceptedBy" : "proposal.review.returnedBy",
                    proposal.DecidedByName ?? proposal.DecidedBy, proposal.DecidedAt is { } at ? Local(at) : "")
                : "",
            ["hasReturnComment"] = !string.IsNullOrEmpty(proposal.ReturnComment),
            ["returnComment"] = proposal.ReturnComment ?? "",
            ["sections"] = Sections(summary, language),
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
            ["sections"] = Sections(summary, language, withPrinciples: false),
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

    private JsonArray Sections(DialogSummary summary, Language language, bool withPrinciples = true) =>
        new(summary.Sections.Select(section => (JsonNode)new JsonObject
        {
            ["title"] = section.Title,
            ["items"] = new JsonArray(section.Items.Select(item => (JsonNode)new JsonObject
            {
                // Reviewers check against the principles; on the proposer's summary the tags made the card ~2,000 px tall.
                ["label"] = item.Principle is null || !withPrinciples ? item.Label : $"{item.Label}（{item.Principle}）",
                ["value"] = (item.Value ?? texts.Get(language, "dialog.summary.notGiven")) + (item.Comment is null ? "" : " — " + item.Comment),
            }).ToArray()),
        }).ToArray());

    private static JsonObject Fact(string label, string value) => new() { ["label"] = label, ["value"] = value };

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, FiscalYear.Tokyo).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
