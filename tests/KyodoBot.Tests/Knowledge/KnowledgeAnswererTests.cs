using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

public sealed class KnowledgeAnswererTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private const string EnglishLeadIn = "From the manual (";
    private readonly KnowledgeAnswerer _answerer = fixture.Answerer;

    private Answer AskJapanese(string question) => _answerer.Ask(question, Language.Japanese);

    [Fact]
    public void Quote_IsNotPickedByAThirdOfAWord()
    {
        // involved → involvement → 市民参加: the 6割 sentence holds 市民 (市民活動団体) but not 参加; the reason sentence is
        // what answers "why", and it is in the section's opening.
        var answer = _answerer.Ask("Why are city employees reluctant to get involved in collaboration?", Language.English);

        Assert.Equal("challenge-city-1", answer.Citations[0].Id);
        Assert.Contains("意欲が高まっていません", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("目的共有の原則とは？", "principle-1", "同じ方向を向いて")]
    [InlineData("相互理解の原則って何", "principle-2", "信頼関係")]
    [InlineData("自主性の原則を教えて", "principle-3", "自主性を尊重")]
    [InlineData("役割分担の原則について", "principle-4", "役割分担")]
    [InlineData("対等の原則の内容は？", "principle-5", "対等なパートナー")]
    [InlineData("公開の原則とは何ですか", "principle-6", "透明性")]
    [InlineData("時限性の原則について教えてください", "principle-7", "定期的")]
    [InlineData("情報公開のルールは？", "principle-6", "説明責任")]
    [InlineData("ｺﾗﾎﾞ相手とは対等な関係？", "principle-5", "対等")]
    public void Ask_EachPrincipleInJapanese_QuotesThatPrinciple(string question, string sectionId, string phrase)
    {
        var answer = AskJapanese(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, Assert.Single(answer.Citations).Id);
        Assert.Contains(phrase, answer.Text, StringComparison.Ordinal);
        Assert.InRange(answer.Confidence, KnowledgeAnswerer.Threshold, 1);
    }

    [Theory]
    [InlineData("What is the principle of shared purpose?", "principle-1")]
    [InlineData("What does the principle of mutual understanding mean?", "principle-2")]
    [InlineData("What is the principle of autonomy?", "principle-3")]
    [InlineData("Explain the principle of role sharing", "principle-4")]
    [InlineData("What does the principle of equality mean?", "principle-5")]
    [InlineData("What is the principle of transparency?", "principle-6")] // "disclosure" goes to the list of principles since the phrasing matcher: the list has many "principles of …" phrasings
    [InlineData("What is the time limit principle?", "principle-7")]
    public void Ask_EachPrincipleInEnglish_QuotesTheJapaneseTextBehindAnEnglishLeadIn(string question, string sectionId)
    {
        var answer = _answerer.Ask(question, Language.English);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        var citation = Assert.Single(answer.Citations);
        Assert.Equal(sectionId, citation.Id);
        var english = fixture.Knowledge.Find(sectionId)!.EnglishTitle;
        Assert.Contains("principle of", english, StringComparison.Ordinal);
        Assert.StartsWith($"{EnglishLeadIn}{citation.Title} — {english}), quoted in the original Japanese:\n", answer.Text, StringComparison.Ordinal);
        var body = fixture.Knowledge.Find(sectionId)!.Body;
        Assert.Contains(answer.Text[(answer.Text.IndexOf('\n', StringComparison.Ordinal) + 1)..], body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("協働の7つの原則を教えてください")]
    [InlineData("What are the seven principles of collaboration?")]
    [InlineData("行動規範の一覧を見せて")]
    public void Ask_ForTheListOfPrinciples_ListsTheSevenPrinciplesFromTheOverviewSection(string question)
    {
        var answer = _answerer.Ask(question, LanguageResolver.Resolve(question, Language.Japanese));

        Assert.True(answer.Answered);
        Assert.Equal("principles-intro", Assert.Single(answer.Citations).Id);
        foreach (var name in new[] { "目的共有", "相互理解", "自主性", "役割分担", "対等", "公開の原則", "時限性" })
        {
            Assert.Contains(name, answer.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("☆", answer.Text, StringComparison.Ordinal); // the note is not one of the seven
    }

    [Fact]
    public void Ask_ForAGroup_ListsItsPartsWithTheirItems()
    {
        var answer = AskJapanese("協働を推進する上での市役所の課題は何ですか");

        Assert.Equal("challenges-city", Assert.Single(answer.Citations).Id);
        Assert.Contains("協働を推進する意識の低さ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("縦割り組織の弊害", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ForOneNoteOfAHeadingOnlyGroup_AnswersWithThatNote()
    {
        var answer = AskJapanese("市民みらい創造プラザに入る施設は？");

        Assert.Equal("footnote-plaza", Assert.Single(answer.Citations).Id);
        Assert.Contains("ユースステーションくろさき", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SNS", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SelectsTheRelevantSentences_NotTheWholeSection()
    {
        var answer = AskJapanese("市民の何割が協働という言葉を知らない？");

        Assert.Equal("challenge-common-1", Assert.Single(answer.Citations).Id);
        Assert.Contains("6割以上", answer.Text, StringComparison.Ordinal);
        Assert.True(answer.Text.Length < fixture.Knowledge.Find("challenge-common-1")!.Body.Length);
    }

    [Fact]
    public void Ask_EveryQuestionOfBothSets_QuotesAtMost400Characters()
    {
        var questions = QuestionSetRunner.Load(KnowledgePaths.HeldOutSet).Concat(QuestionSetRunner.Load(KnowledgePaths.DevSet));
        foreach (var question in questions)
        {
            var japanese = AskJapanese(question.Question);
            Assert.InRange(japanese.Text.Length, 1, AnswerComposer.MaxQuoteLength);

            var english = _answerer.Ask(question.Question, Language.English);
            var quote = english.Answered ? english.Text[(english.Text.IndexOf('\n', StringComparison.Ordinal) + 1)..] : english.Text;
            Assert.InRange(quote.Length, 1, AnswerComposer.MaxQuoteLength);
            Assert.All(japanese.Citations, c => Assert.InRange(c.Excerpt.Length, 1, AnswerComposer.MaxExcerptLength));
        }
    }

    [Theory]
    [InlineData("今日の天気は？")]
    [InlineData("お昼ご飯のおすすめは")]
    [InlineData("確定申告のやり方を教えて")]
    [InlineData("パソコンのパスワードを忘れました")]
    [InlineData("年末年始の休みはいつから", "日時や期間、期限")]
    [InlineData("給与明細はどこで見られますか")]
    [InlineData("市役所の駐車場はどこ？", "連絡先や場所")]
    [InlineData("有給休暇の申請方法", "申込みの方法")]
    [InlineData("NPO法人の税制優遇は？")]
    [InlineData("協働提案事業の応募締め切りはいつ？", "日時や期間、期限")]
    public void Ask_OutOfScopeInJapanese_RefusesWithTheExactSentence(string question, string? fact = null)
    {
        var answer = AskJapanese(question);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        // A fact the manual does not hold (a date, a place, how to apply) is named, with where to ask instead.
        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでした。" + (fact is null ? "" : $"{fact}については、所管課にご確認ください。"), answer.Text);
        Assert.Empty(answer.Citations);
        Assert.True(answer.Suggestions.Count <= 3);
        Assert.True(answer.Confidence < KnowledgeAnswerer.Threshold);
    }

    [Theory]
    [InlineData("What's the weather tomorrow?")]
    [InlineData("How do I reset my password?")]
    [InlineData("Where is the city hall parking lot?", "contact details or location")]
    [InlineData("How many vacation days do I get?", "number")]
    public void Ask_OutOfScopeInEnglish_RefusesInEnglish(string question, string? fact = null)
    {
        var answer = _answerer.Ask(question, Language.English);

        Assert.False(answer.Answered);
        Assert.Equal("The collaboration manual has no entry that answers this." + (fact is null ? "" : $" For the {fact}, please check with the responsible department."), answer.Text);
    }

    [Fact]
    public void Ask_DetailTheManualLacks_RefusesButOffersTheSectionsOnTheTopic()
    {
        var answer = AskJapanese("協働提案事業の応募締め切りはいつ？");

        Assert.False(answer.Answered);
        Assert.InRange(answer.Suggestions.Count, 1, 3);
        Assert.All(answer.Suggestions, s => Assert.Contains("協働提案事業", fixture.Knowledge.Find(s.Id)!.Body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("今日の天気は？")]
    [InlineData("市役所の駐車場はどこ？")] // shares only the common word 市役所: nothing is close
    public void Ask_Unrelated_OffersNoSuggestions(string question) => Assert.Empty(AskJapanese(question).Suggestions);

    [Fact]
    public void Ask_Answered_OffersTwoOrThreeFollowUps_FromTheRelatedList()
    {
        var answer = AskJapanese("公開の原則とは何ですか");

        Assert.InRange(answer.Suggestions.Count, 2, 3);
        Assert.Contains(answer.Suggestions, s => s.Id == "principle-7");
        Assert.Contains(answer.Suggestions, s => s.Id == "public-money-note");
        Assert.DoesNotContain(answer.Suggestions, s => s.Id == "principle-6");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n  ")]
    [InlineData("😀😀😀")]
    [InlineData("\u0000\u0007\u001b[31m\u007f")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("**太字** _斜体_ `code`")]
    [InlineData("[link](http://example.com)")]
    [InlineData("？？？")]
    public void Ask_InputWithNothingToSearch_RefusesWithoutThrowing(string question)
    {
        var answer = AskJapanese(question);

        Assert.False(answer.Answered);
        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでした。", answer.Text);
        Assert.False(answer.Truncated);
    }

    [Fact]
    public void Ask_Null_RefusesWithoutThrowing() => Assert.False(_answerer.Ask(null!, Language.Japanese).Answered);

    [Fact]
    public void Ask_MarkupAroundAQuestion_IsIgnored()
    {
        var answer = AskJapanese("<b>公開の原則</b>とは **何**ですか");

        Assert.Equal("principle-6", Assert.Single(answer.Citations).Id);
    }

    [Fact]
    public void Ask_TenThousandCharacters_UsesTheFirstThousand_AndSaysSo()
    {
        var answer = AskJapanese("公開の原則とは何ですか" + new string('。', 9_990));
        Assert.True(answer.Answered);
        Assert.True(answer.Truncated);

        var beyond = AskJapanese(new string('あ', 9_990) + "公開の原則とは");
        Assert.False(beyond.Answered); // the question sits beyond the first 1,000 characters
        Assert.True(beyond.Truncated);
    }

    [Fact]
    public void Show_KnownSection_PresentsItAsACitedAnswer()
    {
        var answer = _answerer.Show("principle-6", Language.Japanese);

        Assert.NotNull(answer);
        Assert.True(answer.Answered);
        Assert.Equal("principle-6", Assert.Single(answer.Citations).Id);
        Assert.Contains("説明責任", answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Suggestions);
    }

    [Fact]
    public void Show_Group_ListsItsParts() =>
        Assert.Contains("縦割り組織の弊害", _answerer.Show("challenges-city", Language.Japanese)!.Text, StringComparison.Ordinal);

    [Fact]
    public void Show_UnknownSection_IsNull() => Assert.Null(_answerer.Show("no-such-section", Language.English));

    [Fact]
    public void Search_RanksPassagesForGrounding()
    {
        var passages = fixture.Knowledge.Search("公開の原則とは", 3);

        Assert.Equal(3, passages.Count);
        Assert.Equal("principle-6", passages[0].Section.Id);
        Assert.Contains("透明性", passages[0].Text, StringComparison.Ordinal);
        Assert.True(passages[0].Score >= passages[1].Score && passages[1].Score >= passages[2].Score);
        Assert.Empty(fixture.Knowledge.Search("", 3));
        Assert.Empty(fixture.Knowledge.Search("今日の天気", 3));
    }

    [Fact]
    public void KnowledgeBase_ReportsLoadedStateAndFindsSections()
    {
        Assert.True(fixture.Knowledge.IsLoaded);
        Assert.Equal(fixture.Knowledge.Current.Sections.Count, fixture.Knowledge.SectionCount);
        var section = fixture.Knowledge.Find("principle-5");
        Assert.NotNull(section);
        Assert.Equal("principles", section.FileId);
        Assert.Equal("3章", section.Chapter);
        Assert.Null(fixture.Knowledge.Find("nope"));
    }

    [Fact]
    public void KnowledgeBase_NotYetLoaded_IsNotReady_UntilFirstUse()
    {
        var knowledge = new KnowledgeBase(KnowledgePaths.Folder);
        Assert.False(knowledge.IsLoaded);
        Assert.Equal(0, knowledge.SectionCount);

        Assert.NotNull(knowledge.Find("principle-1")); // the first reader loads the folder (the CLI path)
        Assert.True(knowledge.IsLoaded);
    }
}
