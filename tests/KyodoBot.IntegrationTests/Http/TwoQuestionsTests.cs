using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KyodoBot.Core.Ask;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// A message that asks a date the manual does not hold beside a question it answers, through the real /api/messages
/// and the fake Bot Connector (docs/decisions/0037-two-questions-one-message.md): the reply posted to the connector
/// quotes the answer and says the date is not in the manual, in its text and on its card; the date question is what
/// 未回答一覧 shows.
/// </summary>
public sealed partial class TwoQuestionsTests() : BotEndpointTest("Sqlite")
{
    private const string DateQuestion = "報告書の提出期限はいつですか？";
    private const string RoleQuestion = "それと、NPOとの役割分担はどう決めればいいでしょうか？";

    [Fact]
    public async Task DateBesideARoleQuestion_ReplyQuotesTheRoleSection_AndSaysTheDateIsNotInTheManual_AndTheDateIsRecordedUnanswered()
    {
        await StartAsync();

        var response = await Client.SendAsync(Activities.Post(
            Activities.PersonalMessage(Connector.ServiceUrl, DateQuestion + RoleQuestion, userId: "29:user-sato")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && Text(c).Contains("役割", StringComparison.Ordinal))).Body;
        const string note = "なお、「" + DateQuestion + "」については、協働マニュアルに日時や期間、期限の記載が見つかりませんでした。所管課にご確認ください。";
        Assert.True(Text(reply).EndsWith("\n\n" + note, StringComparison.Ordinal), Text(reply));
        var citation = reply["entities"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "https://schema.org/Message")!["citation"]![0]!;
        Assert.Contains("役割分担の原則", citation["appearance"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);

        var card = Descendants(reply["attachments"]![0]!["content"]).ToList();
        Assert.Contains(card, n => n["type"]?.GetValue<string>() == "TextRun" && n["text"]?.GetValue<string>() == note);
        var shown = card.Where(n => n["type"]?.GetValue<string>() is "TextBlock" or "TextRun").Select(n => n["text"]?.GetValue<string>() ?? "").Append(Text(reply));
        Assert.DoesNotContain(shown, t => EscapeBeforePunctuation().IsMatch(t));

        await using var db = await Db();
        var recorded = await db.Questions.AsNoTracking().SingleAsync();
        Assert.False(recorded.Answered); // in part: the date is what the editors can add
        Assert.Equal(DateQuestion, recorded.Question);
        Assert.Equal("principle-4", recorded.SectionIds);
        var list = await App.Services.GetRequiredService<QuestionLog>().UnansweredAsync(null, 10, CancellationToken.None);
        Assert.Equal(DateQuestion, Assert.Single(list).Question);
    }

    [Fact]
    public async Task EnglishConversation_GetsTheNoteInEnglish()
    {
        await StartAsync();

        await Client.SendAsync(Activities.Post(Activities.PersonalMessage(Connector.ServiceUrl,
            "When is the deadline for the grant report? Also, how should we share roles with the NPO?", locale: "en-US")));

        var reply = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && Text(c).Contains("quoted", StringComparison.Ordinal))).Body;
        Assert.EndsWith("\n\nNote: the collaboration manual gives no date, duration or deadline for \"When is the deadline for the grant report?\". Please check with the responsible department.",
            Text(reply), StringComparison.Ordinal);
    }

    private static string Text(ConnectorCall call) => Text(call.Body);

    private static string Text(JsonObject body) => (body["text"] ?? body["activity"]?["text"])?.GetValue<string>() ?? "";

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    [GeneratedRegex(@"\\[!-/:-@\[-`{-~]")]
    private static partial Regex EscapeBeforePunctuation();
}
