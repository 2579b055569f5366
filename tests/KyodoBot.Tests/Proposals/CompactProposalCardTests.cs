using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Proposals;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Proposals;

/// <summary>
/// The summary and review cards are compact (issue #12, item 5): a short answer is one row (label beside value), a long
/// answer keeps its label right above it, and on the review card a principle is a circled number explained once, not
/// 「（「2 相互理解の原則」）」 on every label. The old layout (label above every value) was ~2,000 px tall.
/// </summary>
public sealed class CompactProposalCardTests : IAsyncLifetime
{
    private readonly BotTestHost _host = new();

    private const string LongDescription = "毎週水曜日の午後に公民館の和室でサロンを開き、参加できない方のお宅には民生委員と一緒に見守り訪問を行います。";

    private static Dictionary<string, string> Answers() => new()
    {
        ["orgName"] = "NPO法人あおぞら", ["orgType"] = "npo", ["representative"] = "理事長 山田 花子", ["email"] = "kyodo@example.jp",
        ["projectName"] = "子育てサロン", ["purpose"] = "子育て中の親子が孤立しないようにする", ["issue"] = "子育て中の親子の孤立が心配されている",
        ["description"] = LongDescription, ["outcomes"] = "年間延べ500組の参加", ["orgRole"] = "サロンの運営",
        ["cityRole"] = "会場の提供と広報", ["department"] = "子育て支援課", ["startDate"] = "2027-04-01", ["endDate"] = "2028-03-31",
        ["publicFunds"] = "yes", ["budget"] = "1200000", ["disclosure"] = "市と団体のホームページで四半期ごとに報告する",
        ["evaluationSchedule"] = "semiannual",
        ["check1"] = "yes", ["check2"] = "yes", ["check3"] = "no", [DialogSession.CommentKey("check3")] = "市の事業の一部として動いている",
        ["check4"] = "yes", ["check5"] = "yes", ["check6"] = "yes", ["check7"] = "yes",
    };

    private JsonNode Review(Language language = Language.Japanese)
    {
        var proposal = new Proposal
        {
            Reference = "KP-2027-0001", SubmitActivityId = "a", ProposerId = "29:user", ProposerName = "山田 花子", Department = "子育て支援課",
            Title = "子育てサロン", Organization = "NPO法人あおぞら", AnswersJson = JsonSerializer.Serialize(Answers()), State = ProposalState.UnderReview,
            CreatedAt = new DateTimeOffset(2027, 3, 1, 5, 30, 0, TimeSpan.Zero),
        };
        return JsonNode.Parse(_host.Services.GetRequiredService<ProposalCards>().Review(proposal, language))!;
    }

    private JsonNode Summary(Language language = Language.Japanese)
    {
        var definition = _host.Services.GetRequiredService<DialogCatalog>().Get(DialogCatalog.ProposalIntake);
        var summary = _host.Services.GetRequiredService<DialogEngine>().Summarize(definition, Answers(), language);
        return JsonNode.Parse(_host.Services.GetRequiredService<ProposalCards>().Summary(summary, language))!;
    }

    /// <summary>The per-answer containers of the sections (each section container's items after its title).</summary>
    private static List<JsonObject> Answers(JsonNode card) =>
        card["body"]!.AsArray().OfType<JsonObject>()
            .Where(e => e["items"] is JsonArray items && items.FirstOrDefault()?["separator"]?.GetValue<bool>() == true)
            .SelectMany(section => section["items"]!.AsArray().Skip(1).OfType<JsonObject>())
            .ToList();

    /// <summary>How many blocks the answers stack vertically: a row (ColumnSet) is one, a label above a value two.</summary>
    private static int StackedBlocks(JsonNode card) => Answers(card).Sum(a => a["items"]!.AsArray().Count);

    private static (string Label, string Value) Row(JsonObject answer)
    {
        var columns = answer["items"]![0]!["columns"]!.AsArray();
        return (columns[0]!["items"]![0]!["text"]!.GetValue<string>(), columns[1]!["items"]![0]!["inlines"]![0]!["text"]!.GetValue<string>());
    }

    private static bool IsRow(JsonObject answer) =>
        answer["items"] is JsonArray { Count: 1 } items && items[0]?["type"]?.GetValue<string>() == "ColumnSet";

    [Theory]
    [InlineData(Language.Japanese)]
    [InlineData(Language.English)]
    public void ShortAnswers_AreOneRowEach_SoTheCardStacksAboutHalfTheBlocks(Language language)
    {
        foreach (var card in new[] { Summary(language), Review(language) })
        {
            var answers = Answers(card);

            Assert.True(answers.Count >= 20, $"{answers.Count} answers found");
            Assert.True(answers.Count(IsRow) >= answers.Count - 2, $"{answers.Count(IsRow)} of {answers.Count} answers are rows");
            // The old layout stacked a label over every value: twice the answers.
            Assert.True(StackedBlocks(card) <= answers.Count * 1.2, $"{StackedBlocks(card)} blocks for {answers.Count} answers");
        }
    }

    [Fact]
    public void ARow_HasTheLabelBesideItsOwnValue()
    {
        var rows = Answers(Summary()).Where(IsRow).Select(Row).ToList();

        Assert.Contains(("提案団体名", "NPO法人あおぞら"), rows);
        Assert.Contains(("連絡先（メールアドレス）", "kyodo@example.jp"), rows);
        Assert.Contains(("予算額", "1,200,000円"), rows);
    }

    [Fact]
    public void ALongAnswer_KeepsItsLabelRightAboveIt_ApartFromTheRowBefore()
    {
        var answer = Assert.Single(Answers(Summary()), a => !IsRow(a));

        Assert.Equal("Medium", answer["spacing"]!.GetValue<string>());
        Assert.Equal("事業内容", answer["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("None", answer["items"]![1]!["spacing"]!.GetValue<string>());
        Assert.Equal(LongDescription, answer["items"]![1]!["inlines"]![0]!["text"]!.GetValue<string>());
        Assert.True(ProposalCards.IsLong(LongDescription));
        Assert.All(Answers(Summary()).Where(IsRow), a => Assert.Equal("None", a["spacing"]!.GetValue<string>()));
    }

    [Fact]
    public void ReviewLabels_CarryACircledPrincipleNumber_ExplainedOnceInALegend()
    {
        var card = Review();
        var labels = Answers(card).Select(a => IsRow(a) ? Row(a).Label : a["items"]![0]!["text"]!.GetValue<string>()).ToList();

        Assert.DoesNotContain(labels, l => l.Contains("原則", StringComparison.Ordinal));
        Assert.Contains("提案団体名 ②", labels);
        Assert.Contains("予算額 ⑥", labels);
        Assert.Contains("⚠ 自主性の尊重 ③", labels);
        Assert.Contains("代表者名", labels);
        var legend = Assert.Single(card["body"]!.AsArray().OfType<JsonObject>(), e => e["text"]?.GetValue<string>().StartsWith("丸数字は", StringComparison.Ordinal) == true);
        var text = legend["text"]!.GetValue<string>();
        Assert.Contains("① 目的共有　② 相互理解　③ 自主性　④ 役割分担　⑤ 対等　⑥ 公開　⑦ 時限性", text);
        Assert.Contains("協働の原則", text);
    }

    [Fact]
    public void TheProposersSummary_ShowsNoPrincipleMarks()
    {
        var texts = Answers(Summary()).SelectMany(a => a.ToJsonString().Split('"')).ToList();

        Assert.DoesNotContain(texts, t => t.Contains('②') || t.Contains("原則", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
