using System.Text.Json.Nodes;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using KyodoBot.Tests.Knowledge;

namespace KyodoBot.Tests.Ask;

/// <summary>
/// When the bot asks back instead of refusing (docs/decisions/0040-clarify-ask-back.md): a story about working with a
/// partner, refused with no section to offer, that is neither a request nor a question for a fact the manual lacks.
/// On the shipped knowledge; the messages are made up.
/// </summary>
public sealed class AskBackTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    // A neighbourhood association and a fireworks night, and something went wrong: no word of any principle. With 「当日に
    // なって揉めてしまいました」 both readings name principle 4 (who does what on the day), and since ADR 0079 a story
    // both readings agree on is answered with it, so the story asked back says less.
    internal const string Story = "町内会の方々と花火大会の警備をやりました。何がいけなかったのでしょう？";
    internal const string EnglishStory =
        "We organised a tree-planting day with a volunteer group this spring. Half of the volunteers left early and the rest seemed unhappy with us. What should we have done differently?";
    // As long and as vague, but no partner in it: an interview with one's own manager.
    private const string StoryWithoutPartner = "上司との面談が来週あります。何を話せばいいか、まだ考えがまとまっていません。どう準備すればいいでしょうか？";

    private readonly KnowledgeAnswerer _answerer = fixture.Answerer;
    private readonly AskBack _askBack = new(fixture.Knowledge);

    [Fact]
    public void PartnerStory_RefusedWithNothingToOffer_IsAskedBack()
    {
        var answer = _answerer.Ask(Story, Language.Japanese);

        Assert.False(answer.Answered);
        Assert.Empty(answer.Suggestions);
        Assert.True(_askBack.Applies(Story, answer));
    }

    /// <summary>
    /// The English story was asked back too until the staff questions became phrasings (ADR 0069): its situation (volunteers
    /// who left early, unhappy) is now near staff stories of the mutual-understanding kind, so it is offered those
    /// sections as near, and a refusal with sections to click is not asked back.
    /// </summary>
    [Fact]
    public void PartnerStory_NearStaffStories_IsOfferedThoseSections_NotAskedBack()
    {
        var answer = _answerer.Ask(EnglishStory, Language.English);

        Assert.False(answer.Answered);
        Assert.NotEmpty(answer.Suggestions);
        Assert.False(_askBack.Applies(EnglishStory, answer));
    }

    [Theory]
    [InlineData(StoryWithoutPartner)]
    [InlineData("明日の天気はどうなりそうですか？")]
    [InlineData("Tomorrow's weather in the city, please?")]
    public void FarQuestion_RefusedWithNothingToOffer_IsNotAskedBack(string question)
    {
        var answer = _answerer.Ask(question, LanguageResolver.Resolve(question, Language.Japanese));

        Assert.False(answer.Answered);
        Assert.Empty(answer.Suggestions);
        Assert.False(_askBack.Applies(question, answer));
    }

    [Fact]
    public void Request_IsNotAskedBack_EvenWhenItNamesAPartner()
    {
        const string request = "自治会長さんとの打ち合わせがあるので、来週火曜の午後に会議室を予約しておいてください。資料も印刷しといてください。";
        var answer = _answerer.Ask(request, Language.Japanese);

        Assert.True(answer.IsRequest);
        Assert.True(AskBack.IsPartnerStory(request));
        Assert.False(_askBack.Applies(request, answer));
    }

    [Fact]
    public void MissingFact_IsNotAskedBack_TheRefusalSaysWhereToAsk()
    {
        var refusal = new Answer(false, "協働マニュアルには該当する記載が見つかりませんでした。", 0.1, [], [], false);

        Assert.True(_askBack.Applies(Story, refusal));
        Assert.False(_askBack.Applies(Story, refusal with { FactAsked = AnswerKind.Time }));
    }

    [Fact]
    public void MissingFact_FromTheAnswerer_IsMarkedOnTheRefusal()
    {
        // Capped (a deadline the manual lacks): the refusal names the kind, and the rule reads it from there.
        var answer = _answerer.Ask("町内会と防災訓練を一緒にやることになりました。市の補助金の申請締切はいつですか？", Language.Japanese);

        Assert.False(answer.Answered);
        Assert.Equal(AnswerKind.Time, answer.FactAsked);
    }

    [Fact]
    public void PartnerStory_WhoseQuestionNamesMattersTheManualLacks_IsNotAskedBack()
    {
        // Made up: the question is about a generator's fuel and an extinguisher log, which no principle speaks to.
        const string story = "町内会の方々と防災倉庫の整理を一緒にやりました。発電機の燃料と消火器の点検記録はどこで管理すればいいですか？";
        var refusal = new Answer(false, "協働マニュアルには該当する記載が見つかりませんでした。", 0.05, [], [], false);

        Assert.True(AskBack.IsPartnerStory(story));
        Assert.True(AskBack.AsksAboutOtherMatters(fixture.Knowledge.Current, story));
        Assert.False(_askBack.Applies(story, refusal));
        // The stories asked back name at most one such thing in their question (「何がいけなかったのでしょう？」: none).
        Assert.False(AskBack.AsksAboutOtherMatters(fixture.Knowledge.Current, Story));
        Assert.False(AskBack.AsksAboutOtherMatters(fixture.Knowledge.Current, EnglishStory));
    }

    [Fact]
    public void RefusalWithSectionsToClick_OrAnAnswer_IsNotAskedBack()
    {
        var refusal = new Answer(false, "…", 0.1, [], [new SectionRef("principle-2", "相互理解")], false);
        var answered = new Answer(true, "…", 0.9, [new Citation("principle-2", "相互理解", "…")], [], false);

        Assert.False(_askBack.Applies(Story, refusal));
        Assert.False(_askBack.Applies(Story, answered));
    }

    [Theory]
    [InlineData("NPOとの協働って難しい？")] // one short sentence
    [InlineData("NPOと協働します。難しい？")] // two sentences, but short
    [InlineData("How do we work with a volunteer group?")]
    public void ShortQuestion_AboutAPartner_IsNotAStory(string question) =>
        Assert.False(AskBack.IsPartnerStory(question));

    [Theory]
    [InlineData(Story)]
    [InlineData(EnglishStory)]
    // One long sentence (no 。) still tells a situation.
    [InlineData("地域の清掃を一緒にやってる人たちに当日の段取りを任せたら思ってたのと全然違うやり方になってて正直どう声をかければいいのか迷ってるんだけど")]
    public void Story_AboutAPartner_IsAStory(string question) =>
        Assert.True(AskBack.IsPartnerStory(question));

    [Fact]
    public void Principles_AreTheSevenOfTheManual_NamedFromTheirTitles()
    {
        var principles = new AskBack(fixture.Knowledge).Principles();

        Assert.Equal(["principle-1", "principle-2", "principle-3", "principle-4", "principle-5", "principle-6", "principle-7"], principles.Select(p => p.Id));
        Assert.Equal(
            ["同じ目的に向かって進もう（目的共有の原則）", "お互いの違いを認め合おう（相互理解の原則）", "お互いを尊重し合おう（自主性の原則）", "それぞれの得意なことを持ち寄ろう（役割分担の原則）",
             "みんな、対等であることを理解しよう（対等の原則）", "情報を公開しよう（公開の原則）", "定期的に評価しよう（時限性の原則）"],
            principles.Select(p => p.Title));
    }

    [Fact]
    public void Principles_OfAFolderWithoutThem_AreNone_SoNothingIsAskedBack()
    {
        var folder = Directory.CreateTempSubdirectory("kyodo-askback-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "notes.md"), "---\nid: notes\ntitle: \"メモ\"\n---\n\n# 会議のメモ {#notes-intro}\n\n打ち合わせの記録です。\n");
            var knowledge = new KnowledgeBase(folder);
            knowledge.Reload();

            Assert.Empty(new AskBack(knowledge).Principles());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PartnerWords_AreTheManualsOwn()
    {
        // Japanese: a word of the manual's text, or an everyday variant _synonyms.yaml maps onto one; English: a word of
        // the glossary's English side. A word added to the rule must be one of these.
        var manual = string.Concat(Directory.EnumerateFiles(KnowledgePaths.Folder, "*.md").Select(File.ReadAllText)).ToLowerInvariant();
        var synonyms = File.ReadAllText(Path.Combine(KnowledgePaths.Folder, "_synonyms.yaml"));
        var glossary = File.ReadAllText(Path.Combine(KnowledgePaths.Folder, "_glossary.yaml")).ToLowerInvariant();
        Assert.All(AskBack.JapanesePartnerWords, w => Assert.True(manual.Contains(w, StringComparison.Ordinal) || synonyms.Contains(w, StringComparison.Ordinal), w));
        Assert.All(AskBack.EnglishPartnerWords, w => Assert.Matches(@"(\[|, )" + System.Text.RegularExpressions.Regex.Escape(w) + @"(\]|,| )", glossary));
    }

    [Fact]
    public async Task Presented_AsAQuestion_WithEachPrincipleAndNone_CarryingTheAskingActivity()
    {
        await using var host = new BotTestHost();
        var presenter = host.Services.GetService(typeof(AnswerPresenter)) as AnswerPresenter;
        var principles = new AskBack(fixture.Knowledge).Principles();
        var refusal = new Answer(false, "協働マニュアルには該当する記載が見つかりませんでした。", 0.1, [], [], false);

        var message = presenter!.PresentAskBack(refusal, principles, "act-1", Language.Japanese, aiGenerated: false);

        Assert.Equal("協働マニュアルにそのままの記載は見つかりませんでしたが、次の行動規範のどれに近いご相談でしょうか？", message.Text);
        var actions = Submits(JsonNode.Parse(message.CardJson!)!);
        Assert.Equal(principles.Select(p => p.Id), actions.Where(a => (string?)a["data"]!["action"] == "section").Select(a => (string?)a["data"]!["id"]));
        Assert.Equal(principles.Select(p => p.Title), actions.Where(a => (string?)a["data"]!["action"] == "section").Select(a => (string?)a["title"]));
        var none = Assert.Single(actions, a => (string?)a["data"]!["action"] == "askBackNone");
        Assert.Equal("どれにも当てはまらない", (string?)none["title"]);
        Assert.All(actions, a => Assert.Equal("act-1", (string?)a["data"]!["asked"]));

        var english = presenter.PresentAskBack(refusal, principles, "act-1", Language.English, aiGenerated: false);
        Assert.StartsWith("The collaboration manual has nothing that answers this directly.", english.Text, StringComparison.Ordinal);
        Assert.Contains(Submits(JsonNode.Parse(english.CardJson!)!), a => (string?)a["title"] == new Texts().Get(Language.English, "ask.askBackNone"));
        // In English each principle is named by its English title (<!-- title-en: … --> in the knowledge file).
        Assert.Equal(
            principles.Select(p => fixture.Knowledge.Find(p.Id)!.EnglishTitle),
            Submits(JsonNode.Parse(english.CardJson!)!).Where(a => (string?)a["data"]!["action"] == "section").Select(a => (string?)a["title"]));
        Assert.Contains("Work toward the same goal (principle of shared purpose)", english.CardJson, StringComparison.Ordinal);
    }

    private static List<JsonObject> Submits(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.Submit" => [o],
        JsonObject o => [.. o.SelectMany(p => Submits(p.Value))],
        JsonArray a => [.. a.SelectMany(Submits)],
        _ => [],
    };
}
