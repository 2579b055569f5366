using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Localization;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.Tests.Dialogs;

internal static class DialogTestSupport
{
    /// <summary>29 November 2026, 10:00 in Tokyo.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9));

    public static readonly DateOnly Today = new(2026, 11, 29);

    public static ContentPaths Content { get; } = ContentPaths.Resolve(null, AppContext.BaseDirectory);

    public static string ProposalFile => Path.Combine(Content.Dialogs, "proposal-intake.yaml");

    private static readonly Lazy<DialogDefinition> LazyProposal = new(() => DialogDefinitionLoader.LoadFile(ProposalFile));

    /// <summary>The real <c>dialogs/proposal-intake.yaml</c>.</summary>
    public static DialogDefinition Proposal => LazyProposal.Value;

    public static Texts Texts { get; } = new();

    public static readonly string[] Departments = ["市民活動推進課", "高齢福祉課", "環境政策課"];

    public static DialogContext Context(params string[] departments) => new(Today, departments);

    public static FieldValidator Validator { get; } = new(new DialogTexts(Texts));

    /// <summary>A valid chat answer for every field of the proposal (public funds: yes, quarterly evaluations).</summary>
    public static readonly IReadOnlyDictionary<string, string> GoodAnswers = new Dictionary<string, string>
    {
        ["orgName"] = "特定非営利活動法人みどり野まちづくりネット",
        ["orgType"] = "NPO法人",
        ["representative"] = "理事長 山田 花子",
        ["email"] = "yamada@example.jp",
        ["phone"] = "03-1234-5678",
        ["projectName"] = "高齢者の見守りとサロン運営事業",
        ["purpose"] = "一人暮らしの高齢者が地域で孤立しないまちをつくります。",
        ["issue"] = "一人暮らしの高齢者が増え、孤立が心配されています。",
        ["description"] = "毎週水曜日に公民館でサロンを開き、\n見守り訪問を行います。",
        ["outcomes"] = "サロン参加者を年間延べ500人にします。",
        ["orgRole"] = "サロンの運営と見守り訪問",
        ["cityRole"] = "会場の提供と広報",
        ["department"] = "市民活動推進課",
        ["startDate"] = "2027年4月1日",
        ["endDate"] = "2028年3月31日",
        ["publicFunds"] = "はい",
        ["budget"] = "120万円",
        ["disclosure"] = "市と団体のホームページで四半期ごとに報告します。",
        ["evaluationSchedule"] = "四半期ごと",
        ["evaluationDates"] = "2027年9月30日、2028年3月1日",
        ["check1"] = "はい",
        ["check2"] = "はい",
        ["check3"] = "はい",
        ["check4"] = "はい",
        ["check5"] = "はい",
        ["check6"] = "はい",
        ["check7"] = "はい",
    };
}

/// <summary>Plays a dialog turn by turn, keeping the session between turns as the bot will (optionally through JSON).</summary>
internal sealed class DialogDriver
{
    public DialogDriver(DialogDefinition? definition = null, Language language = Language.Japanese, string[]? departments = null, FakeTimeProvider? time = null)
    {
        Definition = definition ?? DialogTestSupport.Proposal;
        Language = language;
        Time = time ?? new FakeTimeProvider(DialogTestSupport.Now);
        Context = new DialogContext(DialogContext.TodayInJapan(Time), departments ?? DialogTestSupport.Departments);
        Engine = new DialogEngine(DialogTestSupport.Texts, Time);
        Step = Engine.Start(Definition, Language, Context);
    }

    public DialogDefinition Definition { get; }
    public Language Language { get; set; }
    public FakeTimeProvider Time { get; }
    public DialogContext Context { get; set; }
    public DialogEngine Engine { get; }
    public DialogStep Step { get; private set; }
    public DialogSession Session => Step.Session;
    public string? Field => Step.Session.CurrentFieldId;
    public DialogStatus Status => Step.Status;

    /// <summary>All text of the last step's messages: message text, and what the user reads on a prompt card.</summary>
    public string Text => string.Join("\n", Step.Messages.Select(CardText.Shown));

    /// <summary>What the last message's buttons send when pressed.</summary>
    public IReadOnlyList<string> Buttons => Step.Messages.LastOrDefault() is { } last ? CardText.ButtonValues(last) : [];

    public DialogStep Say(string text) => Step = Engine.Continue(Definition, Step.Session, DialogInput.FromText(text), Language, Context);

    public DialogStep Submit(IReadOnlyDictionary<string, string> values) =>
        Step = Engine.Continue(Definition, Step.Session, new DialogInput(null, values), Language, Context);

    /// <summary>Answers each field with <paramref name="answers"/> (else the good answer) until <paramref name="fieldId"/> is asked.</summary>
    public DialogDriver AnswerUntil(string? fieldId, IReadOnlyDictionary<string, string>? answers = null)
    {
        for (var guard = 0; Field != fieldId; guard++)
        {
            Assert.True(guard < 60, $"never reached {fieldId ?? "the summary"}");
            Assert.NotNull(Field);
            var answer = answers?.GetValueOrDefault(Field!) ?? DialogTestSupport.GoodAnswers[Field!];
            var before = Field;
            Say(answer);
            Assert.True(Field != before || Status != DialogStatus.InProgress, $"answer '{answer}' to {before} was refused: {Text}");
        }

        return this;
    }

    /// <summary>Answers everything (or with <paramref name="answers"/>) up to the summary.</summary>
    public DialogDriver AnswerAll(IReadOnlyDictionary<string, string>? answers = null)
    {
        AnswerUntil(null, answers);
        Assert.Equal(DialogStatus.Summary, Status);
        return this;
    }

    /// <summary>Replaces the step with one whose session went through JSON, as when the bot stores it in the database.</summary>
    public void StoreAndReload()
    {
        var json = Step.Session.ToJson();
        Assert.True(DialogSession.TryFromJson(json, out var restored));
        Step = Step with { Session = restored };
    }
}
