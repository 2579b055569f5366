using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Messages that ask two things, or ask in the middle (docs/decisions/0034-every-question-sentence-counts.md): a date,
/// an amount or a count asked in any question sentence caps the answer when the answering section holds none — beside
/// another question the manual answers, that one is answered with a note naming the missing fact
/// (docs/decisions/0037-two-questions-one-message.md) — and a request beside a question turns a refusal into "what
/// the bot can do". The messages are made up for these tests.
/// </summary>
public sealed class MultiQuestionMessageTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private readonly KnowledgeAnswerer _answerer = fixture.Answerer;

    private Question Analyze(string text) => fixture.Knowledge.Current.Analyze(text);

    private Answer Ask(string text) => _answerer.Ask(text, LanguageResolver.Resolve(text, Language.Japanese));

    [Theory]
    [InlineData("補助金の交付決定はいつ頃になりますか？それと、NPOと役割を分けるときのコツはありますか？", AnswerKind.Time)]
    [InlineData("来年度から子育てサークルと講座を開きます。中間報告の提出期限はいつでしょうか？報告書は団体と一緒に書くべきですか？", AnswerKind.Time)]
    [InlineData("講座の会場費はいくらかかりますか？講師とはどう役割分担すればいいでしょう？", AnswerKind.Amount)]
    [InlineData("市内の子ども食堂は何団体ありますか？また、団体と対等に付き合うには何が大事ですか？", AnswerKind.Count)]
    [InlineData("When is the deadline for the grant? Also, how should we share roles with the NPO?", AnswerKind.Time)]
    public void Expects_AFactAskedBeforeAnotherQuestion_IsStillAskedFor(string message, AnswerKind kind)
    {
        var question = Analyze(message);

        Assert.Equal(kind, question.Expects);
    }

    [Theory]
    [InlineData("締切が近くて焦っています。団体との役割分担はどう決めればいいですか？")] // tells a deadline, asks about roles
    [InlineData("費用は市が持つことになりました。団体とはどう役割を分ければいい？")]
    [InlineData("思いついたことをすぐ団体に伝えてもいいですか？相手の自主性はどう守ればいい？")] // 思いつく is no いつ
    [InlineData("昨日の清掃活動で、ゴミ袋を誰が駐車場まで運ぶかで揉めました。次は何を決めておけばいいですか？")] // a story told in the past (ADR 0069)
    [InlineData("去年の説明会は資料の費用を誰が払うかで揉めた。団体とはどう役割を分ければいい？")]
    public void Expects_AFactOnlyToldNotAsked_IsNoFactQuestion(string message) =>
        Assert.Equal(AnswerKind.Any, Analyze(message).Expects);

    [Theory]
    [InlineData("補助金の交付決定はいつ頃になりますか？", "NPOと役割を分けるときに気をつけることはありますか？", AnswerKind.Time)] // date + roles
    [InlineData("講座の講師謝礼はいくら払えますか？", "そもそも団体と協働する目的って何でしょう？", AnswerKind.Amount)] // amount + purpose
    [InlineData("子ども食堂の担当窓口の電話番号を教えてください。", "団体と対等な関係を保つには何が大事ですか？", AnswerKind.Contact)]
    [InlineData("When is the deadline for the grant report?", "Also, how should we share roles with the NPO?", AnswerKind.Time)] // English
    public void FactAskedFirst_ThenAQuestionTheManualAnswers_AnswersThatQuestion_AndSaysTheFactIsNotInTheManual(string fact, string other, AnswerKind kind)
    {
        var alone = Ask(other);
        Assert.True(alone.Answered, $"the other question alone should be answered (refused at {alone.Confidence})");

        var english = char.IsAsciiLetter(fact[0]);
        var answer = Ask(fact + (english ? " " : "") + other);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal(alone.Citations[0].Id, answer.Citations[0].Id);
        Assert.Equal(alone.Text, answer.Text);
        Assert.Equal([new MissingFact(fact, kind)], answer.Missing);
        Assert.Contains(fact, answer.MissingNote, StringComparison.Ordinal);
        if (english)
        {
            Assert.StartsWith("Note: the collaboration manual gives no date, duration or deadline for", answer.MissingNote, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("なお、「", answer.MissingNote, StringComparison.Ordinal);
            Assert.EndsWith("所管課にご確認ください。", answer.MissingNote, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("子育てサロンの団体さんから、来年度の補助金はいくら出るのかと問い合わせがありました。どう答えればいいですか？")]
    [InlineData("市民の方から、プラザの窓口の電話番号は何番になるのかと聞かれました。何と返事したらいいでしょう？")]
    [InlineData("A resident asked me how much money the city pays volunteer groups. How should I answer?")]
    public void FactAskedOfTheStaff_WithHowToAnswerIt_IsRefusedAsThatFact_NotAnsweredAsASecondQuestion(string message)
    {
        var answer = Ask(message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Empty(answer.Missing);
        Assert.NotEqual(AnswerKind.Any, answer.FactAsked);
    }

    [Theory]
    [InlineData("NPO法の活動分野って第何条に書いてある？")]
    [InlineData("協働事業の根拠条文を教えてください")]
    public void ArticleOfALaw_TheManualCitesNone_IsRefusedAsAProvision(string message)
    {
        var answer = Ask(message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Equal(AnswerKind.Provision, answer.FactAsked);
    }

    [Fact]
    public void ProvisionFact_IsAnArticleNumber() =>
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Provision, "特定非営利活動促進法第2条")
            && !QuestionAnalyzer.Holds(AnswerKind.Provision, "NPO法の活動分野に対応する所管課"));

    [Theory]
    [InlineData("来月NPOさんと子ども食堂を始めるんですが、申請の締切はいつですか？", "申請の締切はいつですか？")]
    [InlineData("商店街のイベントを団体とやるんだけど、講師謝礼っていくらまで出せる？", "講師謝礼っていくらまで出せる？")]
    [InlineData("補助金は、いつ交付されますか？", "補助金は、いつ交付されますか？")]
    public void MissingNote_QuotesTheFactQuestion_NotTheSceneSetBeforeIt(string fact, string quoted)
    {
        var answer = Ask(fact + "団体との役割分担はどう決めればいいですか？");

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal(quoted, Assert.Single(answer.Missing).Sentence);
        Assert.Contains($"「{quoted}」", answer.MissingNote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AnswerKind.Time, "日時や期間、期限")]
    [InlineData(AnswerKind.Amount, "金額")]
    [InlineData(AnswerKind.Contact, "連絡先や場所")]
    [InlineData(AnswerKind.Place, "場所や掲載先")]
    [InlineData(AnswerKind.Status, "現在の予定や実績")]
    public void MissingNote_NamesTheKindOfFact_InJapanese(AnswerKind kind, string named)
    {
        var fact = kind switch
        {
            AnswerKind.Time => "補助金の交付決定はいつ頃になりますか？",
            AnswerKind.Amount => "講座の講師謝礼はいくら払えますか？",
            AnswerKind.Place => "交流会の会場はどこですか？",
            AnswerKind.Status => "職員用のマニュアルはもう完成していますか？",
            _ => "子ども食堂の担当窓口の電話番号を教えてください。",
        };

        var answer = Ask(fact + "団体と対等な関係を保つには何が大事ですか？");

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal($"なお、「{fact}」については、協働マニュアルに{named}の記載が見つかりませんでした。所管課にご確認ください。", answer.MissingNote);
    }

    [Fact]
    public void AmountAskedInTheMiddle_OfAMessageTheManualOtherwiseAnswers_IsAnsweredWithTheRest_AndTheNote()
    {
        const string story = "来月から環境団体と清掃活動を始めます。";
        const string middle = "ごみ袋の購入費用はいくら出ますか？";
        const string last = "団体とは対等な関係でいたいのですが、どう接すればいいでしょう？";
        var without = Ask(story + last);
        Assert.True(without.Answered, $"the message without the amount question should be answered (refused at {without.Confidence})");

        var answer = Ask(story + middle + last);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal(without.Citations[0].Id, answer.Citations[0].Id);
        Assert.Equal([new MissingFact(middle, AnswerKind.Amount)], answer.Missing);
    }

    [Theory]
    [InlineData("補助金の交付決定はいつ頃になりますか？")] // only the fact question
    [InlineData("補助金の交付決定はいつ頃になりますか？講座の講師謝礼はいくら払えますか？")] // two fact questions, nothing else
    [InlineData("締切が近くて焦っています。補助金の交付決定はいつ頃になりますか？")] // the other sentence only tells
    [InlineData("補助金の交付決定はいつ頃になりますか？明日の天気はどうなりそうですか？")] // the other question is not in the manual either
    public void FactQuestion_WithNoOtherQuestionTheManualAnswers_IsStillRefusedWhole(string message)
    {
        var answer = Ask(message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Empty(answer.Missing);
        Assert.Equal("", answer.MissingNote);
        // The refusal names the kind of fact to ask the department for (the main question's: the last one asked).
        Assert.StartsWith("協働マニュアルには該当する記載が見つかりませんでした。", answer.Text, StringComparison.Ordinal);
        Assert.Matches("(日時や期間、期限|金額)については、所管課にご確認ください。$", answer.Text);
    }

    [Theory]
    [InlineData("コーディネーター研修って誰でも受けられますか？何時間くらいですか？")]
    [InlineData("マネジメント研修は各区で開かれるのでしょうか。日程はもう決まっていますか？")]
    public void SplitFactQuestions_AFactQuestionNamingNothingElse_AfterAQuestion_AsksDetailsOfOneMatter(string message) =>
        Assert.Null(QuestionAnalyzer.SplitFactQuestions(message));

    [Fact]
    public void SplitFactQuestions_AFactQuestionNamingItsOwnMatter_AfterAQuestion_IsASecondQuestion()
    {
        var split = QuestionAnalyzer.SplitFactQuestions("NPOと役割を分けるときのコツはありますか？補助金の交付決定はいつ頃になりますか？");

        Assert.NotNull(split);
        Assert.Equal([new MissingFact("補助金の交付決定はいつ頃になりますか？", AnswerKind.Time)], split.Facts);
    }

    [Fact]
    public void DetailsOfOneMatter_WhereTheManualLacksOne_AreRefusedWhole_NamingTheMissingFact()
    {
        // 「受けられますか」 alone gets the initiative's text, which says nothing of who may attend; with 「何時間」 after
        // it, the message asks the details of the course.
        var answer = Ask("コーディネーター研修って誰でも受けられますか？何時間くらいですか？");

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Empty(answer.Missing);
        Assert.EndsWith("日時や期間、期限については、所管課にご確認ください。", answer.Text, StringComparison.Ordinal);
        // The matter is the sentence before the fact question: the section that names the course is offered first.
        Assert.Equal("initiative-collab-env-3", Assert.IsType<SectionRef>(answer.Suggestions.FirstOrDefault()).Id);
    }

    [Theory]
    [InlineData("見守りの事業でNPOは「ひとり暮らしの不安を減らすこと」、うちは「訪問人数を増やすこと」が目的だと思っていました。最初に何を話し合うべきでしたか？", AnswerKind.Any)]
    [InlineData("会長さんに「会議は年に何回開くのか」と聞かれました。どう答えればいいですか？", AnswerKind.Frequency)]
    public void AFactQuotedAsSomeonesAim_IsNotAsked_WhileAQuotedQuestionIs(string message, AnswerKind expected) =>
        Assert.Equal(expected, Analyze(message).Expects);

    [Fact]
    public void TwoFactQuestions_BesideAQuestionTheManualAnswers_AreBothNamed()
    {
        const string date = "補助金の交付決定はいつ頃になりますか？";
        const string amount = "講座の講師謝礼はいくら払えますか？";

        var answer = Ask(date + amount + "NPOと役割を分けるときに気をつけることはありますか？");

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal([new MissingFact(date, AnswerKind.Time), new MissingFact(amount, AnswerKind.Amount)], answer.Missing);
        Assert.Contains("日時や期間、期限", answer.MissingNote, StringComparison.Ordinal);
        Assert.Contains("金額", answer.MissingNote, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitFactQuestions_KeepsTheAskersWriting_AndTheOtherSentencesInOrder()
    {
        var split = QuestionAnalyzer.SplitFactQuestions("来月から講座を開きます。会場費はいくらですか？\n講師とはどう役割分担すればいい？");

        Assert.NotNull(split);
        Assert.Equal([new MissingFact("会場費はいくらですか？", AnswerKind.Amount)], split.Facts); // full-width ？ kept
        Assert.Equal("来月から講座を開きます。\n講師とはどう役割分担すればいい？", split.Rest);
    }

    [Theory]
    [InlineData("講座のチラシの決まった様式はありますか。", "あればどこでもらえますか。", "団体との役割分担はどう決めればいい？")]
    [InlineData("報告書のひな形はありますか？", "それはどこに置いてありますか？", "団体との役割分担はどう決めればいい？")]
    [InlineData("Is there a template for the report?", "If so, where can I find it?", "How should we share roles with the NPO?")]
    public void SplitFactQuestions_ASentenceGoingOnWithTheFactQuestion_IsPartOfIt_NotTheOtherQuestion(string fact, string goesOn, string other)
    {
        var space = char.IsAsciiLetter(fact[0]) ? " " : "";

        var split = QuestionAnalyzer.SplitFactQuestions(fact + space + goesOn + space + other);

        Assert.NotNull(split);
        Assert.Equal([new MissingFact(fact + space + goesOn, AnswerKind.Document)], split.Facts);
        Assert.Equal(other, split.Rest);
    }

    [Theory]
    [InlineData("会場費はいくらですか？")]
    [InlineData("会場費が高くて困っています。講座はどう進めればいい？")] // tells an amount, asks no fact
    [InlineData("会場費はいくらですか？締切はいつですか？")]
    [InlineData("担当が誰になるのか決まらず困っています。会場費はいくらですか？")] // 誰 in a story is no second question
    [InlineData("いつも準備がぎりぎりで大変です。会場の電話番号を教えてください。")] // nor is いつも
    public void SplitFactQuestions_IsNull_WithoutBothAFactQuestionAndAnotherQuestion(string message) =>
        Assert.Null(QuestionAnalyzer.SplitFactQuestions(message));

    [Fact]
    public void DateQuestion_AnsweredByTheSectionsHowOften_IsStillAnswered_WhenNotTheLastSentence()
    {
        // The cap needs the answering section to hold no date: 時限性 says 定期的に見直す, which answers "when".
        const string message = "協働事業はいつ見直すのがいいですか？期限を決めずに続けるのはまずいですか？";
        Assert.Equal(AnswerKind.Time, Analyze(message).Expects);

        var answer = Ask(message);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal("principle-7", answer.Citations[0].Id);
        Assert.Empty(answer.Missing); // the section holds the "when": nothing is said to be missing
    }

    [Theory]
    [InlineData("来週の打ち合わせ用に会議室を予約してください。14時から空いてますか？")]
    [InlineData("団体向けの案内状を作っておいてください。宛先はどこまで入れればいい？")]
    [InlineData("Please book a room for the NPO meeting. Is there one free on Friday?")]
    public void RequestBesideAQuestion_WhenRefused_SaysWhatTheBotCanDo(string message)
    {
        var question = Analyze(message);
        Assert.False(question.IsRequest); // the focus is the second sentence: before, the message read as a question
        Assert.True(question.AlsoRequests);

        var answer = Ask(message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.True(answer.IsRequest);
    }

    [Fact]
    public void RequestBesideAQuestionTheManualAnswers_StillAnswersTheQuestion()
    {
        var answer = Ask("打ち合わせの議事録をまとめておいてください。それと、情報公開の原則って何ですか？");

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal("principle-6", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("協働の原則について知りたいです。よろしくお願いします。")] // a closing, not a request
    [InlineData("先月NPOと打ち合わせして。そのあと役割のことで揉めたんだけど、どうすればいい？")] // a story's 〜して
    [InlineData("詳しい人がいたら紹介してください。相互理解の原則ってどういう意味？")] // asks for information
    public void SentenceThatOnlyClosesOrTells_IsNoRequest(string message) =>
        Assert.False(Analyze(message).AlsoRequests);
}
