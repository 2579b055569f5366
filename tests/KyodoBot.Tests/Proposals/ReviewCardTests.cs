using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Proposals;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Proposals;

/// <summary>
/// What a reviewer sees first on the rendered review card (issue #12, item 5): budget, period, public funds and
/// department as a FactSet; ⚠ for every principle question answered 「いいえ」 and every principle left unchecked; and
/// dates and times as the dialog writes them (2027年4月1日), never 2027-04-01.
/// </summary>
public sealed class ReviewCardTests : IAsyncLifetime
{
    private readonly BotTestHost _host = new();

    private static Dictionary<string, string> Answers(bool publicFunds = true) => new()
    {
        ["orgName"] = "NPO法人あおぞら", ["orgType"] = "npo", ["representative"] = "理事長 山田 花子", ["email"] = "kyodo@example.jp",
        ["projectName"] = "子育てサロン", ["purpose"] = "子育て中の親子が孤立しないようにする", ["issue"] = "子育て中の親子の孤立が心配されている",
        ["description"] = "月2回、公民館で子育てサロンを開く", ["outcomes"] = "年間延べ500組の参加", ["orgRole"] = "サロンの運営",
        ["cityRole"] = "会場の提供と広報", ["department"] = "子育て支援課", ["startDate"] = "2027-04-01", ["endDate"] = "2028-03-31",
        ["publicFunds"] = publicFunds ? "yes" : "no", ["budget"] = "1200000", ["disclosure"] = "市と団体のホームページで四半期ごとに報告する",
        ["evaluationSchedule"] = "semiannual",
        ["check1"] = "yes", ["check2"] = "yes", ["check3"] = "no", [DialogSession.CommentKey("check3")] = "市の事業の一部として動いている",
        ["check4"] = "yes", ["check5"] = "yes", ["check6"] = "yes",
        // check7 left unanswered: principle 7 is unchecked.
    };

    private JsonNode Review(Dictionary<string, string> answers, Language language = Language.Japanese, ProposalState state = ProposalState.UnderReview)
    {
        if (!answers.ContainsKey("publicFunds") || answers["publicFunds"] == "no")
        {
            answers.Remove("budget");
        }

        var proposal = new Proposal
        {
            Reference = "KP-2027-0001", SubmitActivityId = "a", ProposerId = "29:user", ProposerName = "山田 花子", Department = "子育て支援課",
            Title = "子育てサロン", Organization = "NPO法人あおぞら", AnswersJson = JsonSerializer.Serialize(answers), State = state,
            CreatedAt = new DateTimeOffset(2027, 3, 1, 5, 30, 0, TimeSpan.Zero), // 14:30 in Tokyo
            DecidedBy = "29:reviewer", DecidedByName = "佐藤", DecidedAt = state == ProposalState.UnderReview ? null : new DateTimeOffset(2027, 3, 2, 0, 15, 0, TimeSpan.Zero),
        };
        return JsonNode.Parse(_host.Services.GetRequiredService<ProposalCards>().Review(proposal, language))!;
    }

    private static Dictionary<string, string> Glance(JsonNode card)
    {
        var factSet = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "FactSet")!;
        return factSet["facts"]!.AsArray().ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
    }

    private static List<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => [.. (o["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? [t.GetValue<string>()] : Enumerable.Empty<string>()),
            .. o.Where(p => p.Key != "text").SelectMany(p => Texts(p.Value))],
        JsonArray a => [.. a.SelectMany(Texts)],
        _ => [],
    };

    [Fact]
    public void AtAGlance_BudgetPeriodPublicFundsAndDepartment_AreAFactSet_BeforeTheAnswers()
    {
        var card = Review(Answers());

        var glance = Glance(card);
        var body = card["body"]!.AsArray();

        Assert.Equal("1,200,000円", glance["予算額"]);
        Assert.Equal("2027年4月1日〜2028年3月31日", glance["実施期間"]);
        Assert.Equal("はい", glance["公金の支出"]);
        Assert.Equal("子育て支援課", glance["所管課"]);
        var factSetAt = body.Select((e, i) => (e, i)).Single(x => x.e!["type"]!.GetValue<string>() == "FactSet").i;
        Assert.True(factSetAt <= 2, $"the FactSet is element {factSetAt}; it belongs right under the heading and title");
    }

    [Fact]
    public void WithoutPublicFunds_TheBudgetSaysSo()
    {
        var glance = Glance(Review(Answers(publicFunds: false)));

        Assert.Equal("なし（公金の支出なし）", glance["予算額"]);
        Assert.Equal("いいえ", glance["公金の支出"]);
    }

    [Fact]
    public void PrincipleAnsweredNo_AndPrincipleUnchecked_AreFlagged_AtTheTop_AndOnTheAnswer()
    {
        var card = Review(Answers());
        var texts = Texts(card);

        Assert.Contains("⚠ 確認が必要な点（2件）", texts);
        Assert.Contains("⚠ 自主性の尊重（3 自主性の原則）: いいえ（コメント: 市の事業の一部として動いている）", texts);
        Assert.Contains("⚠ 7 時限性の原則: セルフチェックの回答がありません", texts);
        Assert.Contains("⚠ 自主性の尊重 ③", texts); // the answer itself; ③ is explained once in the legend
        Assert.DoesNotContain(texts, t => t.StartsWith("⚠ 目的の共有", StringComparison.Ordinal));
        Assert.DoesNotContain("✔ セルフチェックはすべて「はい」です。", texts);
        var flagBox = card["body"]!.AsArray().Single(e => e!["style"]?.GetValue<string>() == "warning")!;
        var flagBoxAt = card["body"]!.AsArray().IndexOf(flagBox);
        Assert.True(flagBoxAt <= 3, $"the flags are element {flagBoxAt}; a reviewer sees them before the answers");
    }

    [Fact]
    public void EveryPrincipleAnsweredYes_SaysSo_WithoutAFlag()
    {
        var answers = Answers();
        answers["check3"] = "yes";
        answers["check7"] = "yes";

        var texts = Texts(Review(answers));

        Assert.Contains("✔ セルフチェックはすべて「はい」です。", texts);
        Assert.DoesNotContain(texts, t => t.Contains('⚠', StringComparison.Ordinal));
    }

    [Fact]
    public void DatesAndTimes_ReadAsTheDialogWritesThem_InJapaneseAndEnglish()
    {
        var japanese = string.Join("\n", Texts(Review(Answers(), state: ProposalState.Accepted)));
        var english = Review(Answers(), Language.English, ProposalState.Accepted);

        Assert.Contains("2027年3月1日 14:30", japanese);
        Assert.Contains("2027年3月2日 09:15", japanese);
        Assert.Contains("2027年4月1日", japanese);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", japanese);
        Assert.Equal("April 1, 2027 – March 31, 2028", Glance(english)["Period"]);
        Assert.Equal("¥1,200,000", Glance(english)["Budget"]);
        Assert.Contains("⚠ Principle 7 (time limits and evaluation): not checked, no self-check answer", Texts(english));
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", string.Join("\n", Texts(english)));
    }

    [Fact]
    public void RecordedEvaluation_SaysWhenInTheDialogsFormat()
    {
        var cards = _host.Services.GetRequiredService<EvaluationCards>();
        var project = new Project
        {
            Reference = "KP-2027-0001", Title = "子育てサロン", Organization = "NPO法人あおぞら", Department = "子育て支援課",
            StartDate = new DateOnly(2027, 4, 1), EndDate = new DateOnly(2028, 3, 31), Schedule = ScheduleKind.Semiannual,
        };
        var due = new EvaluationDue { Id = 1, DueDate = new DateOnly(2027, 10, 1) };
        var record = new EvaluationRecord
        {
            RecordedBy = "29:x", RecordedByName = "佐藤", RecordedAt = new DateTimeOffset(2027, 10, 1, 0, 5, 0, TimeSpan.Zero),
            DueDate = due.DueDate, IssueRating = 4, ConductRating = 5, PrincipleChecks = "1,7",
        };

        var card = string.Join("\n", Texts(JsonNode.Parse(cards.Recorded(new DueReminder(new Reminder { Id = 1 }, due, project), record, Language.Japanese))));

        Assert.Contains("佐藤 さんが 2027年10月1日 09:05 に記録しました。", card);
        Assert.Contains("2027年4月1日〜2028年3月31日", card);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", card);
    }

    [Theory]
    [InlineData(Language.Japanese, "課題は解決されているか", "おおむねできている")]
    [InlineData(Language.English, "Is the issue being solved?", null)]
    public void RecordedEvaluation_IsCompact_ShortResultsBesideTheirLabel_ACommentUnderIts(Language language, string issueLabel, string? issueValue)
    {
        // ADR 0027, as on the summary and review cards: a rating is one row; a long comment keeps its label right above it.
        var cards = _host.Services.GetRequiredService<EvaluationCards>();
        var project = new Project
        {
            Reference = "KP-2027-0001", Title = "子育てサロン", Organization = "NPO法人あおぞら", Department = "子育て支援課",
            StartDate = new DateOnly(2027, 4, 1), EndDate = new DateOnly(2028, 3, 31), Schedule = ScheduleKind.Semiannual,
        };
        var due = new EvaluationDue { Id = 1, DueDate = new DateOnly(2027, 10, 1) };
        const string comment = "参加者は増えているが、会場の和室が手狭になってきたため、来年度は別の会場も検討する必要がある。";
        var record = new EvaluationRecord
        {
            RecordedBy = "29:x", RecordedByName = "佐藤", RecordedAt = new DateTimeOffset(2027, 10, 1, 0, 5, 0, TimeSpan.Zero),
            DueDate = due.DueDate, IssueRating = 4, ConductRating = 5, PrincipleChecks = "7", Comments = comment, NextSteps = "会場を探す",
        };

        var card = JsonNode.Parse(cards.Recorded(new DueReminder(new Reminder { Id = 1 }, due, project), record, language))!;

        var results = card["body"]!.AsArray().OfType<JsonObject>().Single(e => e["separator"]?.GetValue<bool>() == true)["items"]!.AsArray()
            .OfType<JsonObject>().ToList();
        Assert.Equal(5, results.Count);
        var rows = results.Where(r => r["items"]!.AsArray() is [JsonObject { } only] && only["type"]!.GetValue<string>() == "ColumnSet").ToList();
        Assert.Equal(4, rows.Count); // issue, conduct, principles, next steps
        var (label, value) = RowOf(rows[0]);
        Assert.Equal(issueLabel, label);
        if (issueValue is not null)
        {
            Assert.Contains(issueValue, value, StringComparison.Ordinal);
        }

        var stacked = Assert.Single(results, r => !rows.Contains(r));
        Assert.Equal("Medium", stacked["spacing"]!.GetValue<string>());
        var items = stacked["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(items[0]!["isSubtle"]!.GetValue<bool>());
        Assert.Equal("None", items[1]!["spacing"]!.GetValue<string>());
        Assert.Equal(comment, items[1]!["inlines"]![0]!["text"]!.GetValue<string>());
        Assert.All(rows, r => Assert.Equal("None", r["spacing"]!.GetValue<string>()));
    }

    private static (string Label, string Value) RowOf(JsonObject row)
    {
        var columns = row["items"]![0]!["columns"]!.AsArray();
        return (columns[0]!["items"]![0]!["text"]!.GetValue<string>(), columns[1]!["items"]![0]!["inlines"]![0]!["text"]!.GetValue<string>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
