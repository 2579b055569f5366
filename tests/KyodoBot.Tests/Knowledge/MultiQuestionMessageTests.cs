using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Messages that ask two things, or ask in the middle (docs/decisions/0034-every-question-sentence-counts.md): a date,
/// an amount or a count asked in any question sentence caps the answer when the answering section holds none, and a
/// request beside a question turns a refusal into "what the bot can do". The messages are made up for these tests.
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
    public void Expects_AFactOnlyToldNotAsked_IsNoFactQuestion(string message) =>
        Assert.Equal(AnswerKind.Any, Analyze(message).Expects);

    [Fact]
    public void DateAskedFirst_ThenAQuestionTheManualAnswers_IsRefusedAndOffersThatSection()
    {
        const string second = "NPOと役割を分けるときに気をつけることはありますか？";
        var alone = Ask(second);
        Assert.True(alone.Answered, $"the second question alone should be answered (refused at {alone.Confidence})");

        var answer = Ask("補助金の交付決定はいつ頃になりますか？" + second);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.False(answer.IsRequest);
        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでした。", answer.Text);
        Assert.Contains(answer.Suggestions, s => s.Id == alone.Citations[0].Id);
    }

    [Fact]
    public void AmountAskedInTheMiddle_OfAMessageTheManualOtherwiseAnswers_IsRefused()
    {
        const string story = "来月から環境団体と清掃活動を始めます。";
        const string last = "団体とは対等な関係でいたいのですが、どう接すればいいでしょう？";
        var without = Ask(story + last);
        Assert.True(without.Answered, $"the message without the amount question should be answered (refused at {without.Confidence})");

        var answer = Ask(story + "ごみ袋の購入費用はいくら出ますか？" + last);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
    }

    [Fact]
    public void DateQuestion_AnsweredByTheSectionsHowOften_IsStillAnswered_WhenNotTheLastSentence()
    {
        // The cap needs the answering section to hold no date: 時限性 says 定期的に見直す, which answers "when".
        const string message = "協働事業はいつ見直すのがいいですか？期限を決めずに続けるのはまずいですか？";
        Assert.Equal(AnswerKind.Time, Analyze(message).Expects);

        var answer = Ask(message);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal("principle-7", answer.Citations[0].Id);
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
