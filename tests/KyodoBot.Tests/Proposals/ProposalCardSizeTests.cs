using System.Text;
using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Proposals;
using KyodoBot.Tests.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Proposals;

/// <summary>
/// The proposal cards with every answer at its longest (each field's maxLength, every self-check comment, the longest
/// return reason) stay under Teams' 80 KB, in both languages.
/// </summary>
public sealed class ProposalCardSizeTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BotTestHost _host = new();

    [Theory]
    [InlineData(Language.Japanese)]
    [InlineData(Language.English)]
    public void ReviewAndSummary_WithEveryAnswerAtItsLongest_StayUnder80KB(Language language)
    {
        var definition = _host.Services.GetRequiredService<DialogCatalog>().Get(DialogCatalog.ProposalIntake);
        var answers = new Dictionary<string, string>();
        foreach (var field in definition.Sections.SelectMany(s => s.Fields))
        {
            answers[field.Id] = field.Type switch
            {
                FieldType.Text or FieldType.Multiline => new string('あ', field.Validation.MaxLength ?? 1000),
                FieldType.Choice => field.Choices[0].Value,
                FieldType.Date => "2027-04-01",
                FieldType.Dates => string.Join(',', Enumerable.Range(0, field.Validation.MaxItems ?? 12).Select(i => new DateOnly(2027, 5, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
                FieldType.Yen => "100000000000",
                FieldType.YesNo => "yes",
                FieldType.Email => new string('a', 200) + "@example.jp",
                FieldType.Phone => "03-1234-5678",
                _ => new string('課', 100),
            };
            if (field.Comment)
            {
                answers[DialogSession.CommentKey(field.Id)] = new string('え', FieldValidator.CommentMaxLength);
            }
        }

        var proposal = new Proposal
        {
            Reference = "KP-2026-0001", SubmitActivityId = "a", ProposerId = "29:user", ProposerName = new string('名', 100),
            Department = new string('課', 100), Title = new string('題', 100), Organization = new string('団', 200),
            AnswersJson = JsonSerializer.Serialize(answers), State = ProposalState.Returned, DecidedByName = new string('名', 100),
            DecidedAt = _host.Time.GetUtcNow(), ReturnComment = new string('理', 1000),
        };
        var cards = _host.Services.GetRequiredService<ProposalCards>();
        var engine = _host.Services.GetRequiredService<DialogEngine>();

        var review = cards.Review(proposal, language);
        var summary = cards.Summary(engine.Summarize(definition, answers, language), language);

        AssertUnder80KB(review, "review");
        AssertUnder80KB(summary, "summary");
    }

    private void AssertUnder80KB(string card, string name) => CardSize.AssertUnder80KB(output, card, name);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
