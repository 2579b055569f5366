using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The phrasing classifier (docs/decisions/0073-phrasing-classifier.md): a softmax regression over the phrasings'
/// character grams that gives the decision a second opinion — a close refusal for an answer it reads as beyond the
/// manual, another section when both readings put the unit below it, an answer for a refusal both readings agree on.
/// Every message here is made up.
/// </summary>
public sealed class PhrasingClassifierTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static readonly (int, string)[] Phrasings =
    [
        (0, "課から課へたらい回しにされたと団体さんに言われた"),
        (0, "相談窓口がどこかわからず課を回されるのはなぜ？"),
        (0, "庁内の窓口がばらばらで団体さんが困っている"),
        (1, "団体とゴールがずれていて話が平行線"),
        (1, "事業の目的を最初にすり合わせるには？"),
        (1, "団体と目指すゴールが違うときは？"),
        (-1, "会議室の予約は何日前から？"),
        (-1, "駐車場は何台とめられますか"),
        (-1, "会議室と駐車場の場所を教えて"),
    ];

    private static PhrasingLogistic Classifier(params (int Section, string Text)[] phrasings) =>
        PhrasingLogistic.Build([.. phrasings.Select(p => new IndexedPhrasing(p.Section, p.Text))], sections: 2);

    [Fact]
    public void Read_AStoryInOtherWords_IsMostProbablyTheSectionWhosePhrasingsShareItsWords()
    {
        var read = Classifier(Phrasings).Read("別の課へたらい回しにされて窓口がわからないと団体の方が怒っていました。");

        Assert.Equal(0, read.Best);
        Assert.True(read.Of(0) > read.Of(1) && read.Of(0) > read.None, $"{read.Of(0)} {read.Of(1)} {read.None}");
    }

    [Fact]
    public void Read_AnOfficeMatter_IsMostProbablyNotInTheManual()
    {
        var read = Classifier(Phrasings).Read("駐車場と会議室の予約を教えてください");

        Assert.True(read.None > read.Of(0) && read.None > read.Of(1), $"none {read.None}");
    }

    [Fact]
    public void Read_WithoutAnyKnownFeature_KnowsNothing()
    {
        var read = Classifier(Phrasings).Read("xyz");

        Assert.Equal(-1, read.Best);
        Assert.Equal(0, read.None);
        Assert.Equal(0, read.Of(0));
        Assert.Equal(0, read.Of(5));
    }

    [Fact]
    public void Build_IsTheSameForTheSamePhrasings()
    {
        const string message = "団体とのゴールがずれて平行線です";
        var (a, b) = (Classifier(Phrasings).Read(message), Classifier(Phrasings).Read(message));

        Assert.Equal(a.Best, b.Best);
        Assert.Equal(a.None, b.None);
        Assert.Equal(a.Of(0), b.Of(0));
        Assert.Equal(a.Of(1), b.Of(1));
    }

    [Fact]
    public void Read_WithAPhrasingLeftOut_UsesTheModelTrainedWithoutItsFold()
    {
        // Entries 0 and 10 share the fold (i % 10) and are the only ones with 「縦割り」: left out, the word is unknown.
        var phrasings = Enumerable.Range(0, 12)
            .Select(i => (i % 2, i is 0 or 10 ? "縦割りの弊害" : (i % 2 == 0 ? "たらい回しの窓口" : "目的のすり合わせ")))
            .ToArray();
        var classifier = Classifier(phrasings);

        Assert.Equal(0, classifier.Read("縦割り").Best);
        Assert.Equal(-1, classifier.Read("縦割り", exclude: 0).Best);
    }

    /// <summary>
    /// Asks <paramref name="message"/> and checks it is answered with <paramref name="section"/> at the threshold's
    /// confidence, as an agreement of both readings answers; returns the classifier's reading of the message.
    /// </summary>
    private PhrasingClassification AnsweredByAgreement(string message, string section)
    {
        var answer = fixture.Ask(message);

        Assert.True(answer.Answered);
        Assert.Equal(section, answer.Citations[0].Id);
        Assert.Equal(KnowledgeAnswerer.Threshold, answer.Confidence);
        return fixture.Knowledge.Current.Phrasings.Logistic.Read(message);
    }

    [Fact]
    public void AnAnswerBothReadingsPutBelowAnotherSection_TakesThatSection()
    {
        // The fitted decision's unit is 相互理解 (the group's way of working, differences); the group asks to run it its way.
        var answer = fixture.Ask("図書館のおはなし会を団体さんと共催してるんですが、向こうのやり方に毎回うちの係長がダメ出ししてて、団体さんが「もう自分たちのやり方でやらせてほしい」と言ってきました。どう考えればいいですか。");

        Assert.True(answer.Answered);
        Assert.Equal("principle-3", answer.Citations[0].Id);
    }

    [Fact]
    public void ARefusalBothReadingsAgreeOn_IsAnsweredWithTheirSection()
    {
        AnsweredByAgreement("イベントの後片付けで、テントを誰が返すのか決めてなくて揉めた。最初に何決めとけばよかった？", "principle-4");
    }

    [Fact]
    public void AnAnswerTheClassifierReadsAsBeyondTheManual_BecomesACloseRefusal()
    {
        // The principle is acknowledged; what is asked (how to write the minutes) is not in the manual.
        const string message = "目的共有が大事なのは分かったので、キックオフ会議の議事録の書き方を教えてください";
        var answer = fixture.Ask(message);

        Assert.True(fixture.Knowledge.Current.Phrasings.Logistic.Read(message).None >= KnowledgeAnswerer.VetoNone);
        Assert.False(answer.Answered);
        Assert.Equal("principle-1", answer.Suggestions[0].Id);
    }

    [Fact]
    public void AStoryWhoseQuestionIsAnOfficeMatter_IsVetoedOnItsQuestionSentence()
    {
        // The setting is the manual's (団体相互の交流): the whole reads mostly as that section, the question sentence
        // (whose name to book the room in) as beyond the manual.
        const string message = "地域の団体と一緒に交流ワークショップを開きます。ワークショップの会場を団体名義で借りるのと課の名義で借りるのとで違いはありますか。";
        var classifier = fixture.Knowledge.Current.Phrasings.Logistic;
        var answer = fixture.Ask(message);

        Assert.False(answer.Answered);
        Assert.Equal("initiative-collab-env-3", answer.Suggestions[0].Id);
        Assert.InRange(classifier.Read(message).None, KnowledgeAnswerer.VetoNoneStory, KnowledgeAnswerer.VetoNone);
        Assert.True(classifier.Read("ワークショップの会場を団体名義で借りるのと課の名義で借りるのとで違いはありますか。").None >= KnowledgeAnswerer.VetoNone);
    }

    [Fact]
    public void AStoryBothReadingsAgreeOn_IsAnsweredAlthoughItsQuestionIsVague()
    {
        // From the development set long-stories-dev (ADR 0079): everything left to the city on the day, a vague question.
        // The classifier spreads the story over several sections (the right one under AgreeBestStory, "none" above
        // AgreeNoneStory), so only the bars for a message of several sentences answer it.
        const string message = "児童館のイベントを親子劇場の団体さんと共催したら、当日の受付も会場設営も片付けも全部こちら任せで、団体さんは劇だけやって帰っていきました。事前に何も話していなかったこちらも悪いんですが、館長はかなりご立腹です。次回はどう進めるのがいいですか。";
        var read = AnsweredByAgreement(message, "principle-4");

        Assert.True(read.None >= KnowledgeAnswerer.AgreeNoneStory || read.Of(read.Best) < KnowledgeAnswerer.AgreeBestStory, $"none {read.None}, best {read.Of(read.Best)}");
        Assert.True(read.None < KnowledgeAnswerer.AgreeNoneSeveral && read.Of(read.Best) >= KnowledgeAnswerer.AgreeBestSeveral, $"none {read.None}, best {read.Of(read.Best)}");
    }

    [Fact]
    public void AStoryTheStoryReadingIsALittleLessSureOf_IsAnsweredWhenBothReadingsAgree()
    {
        // From the development set long-stories-dev (ADR 0081): a complaint without a question, read 0.9–1.0 above "none".
        const string message = "協働している団体さんのことを、いまだに「業者さん」と呼ぶ職員がいます。一緒にまちをつくる相手だと何度言っても、発注する側と受ける側みたいな感覚が抜けないんですよね。";
        AnsweredByAgreement(message, "principle-5");

        var story = fixture.Knowledge.Current.Phrasings.Bayes.Read(message);
        Assert.InRange(story.OverNone, KnowledgeAnswerer.AgreeStoryOverNoneSeveral, KnowledgeAnswerer.StoryOverNone);
    }

    [Fact]
    public void ADetailQuestionOfOneSentence_KeepsTheStricterBars()
    {
        // A single sentence asking which system to type into is refused (at the bars for stories it was answered).
        var answer = fixture.Ask("協働事業の情報集約って、どのシステムに入力すんの？");

        Assert.False(answer.Answered);
    }

    [Fact]
    public void AnEnglishRefusalBothReadingsAgreeOn_IsAnsweredWhenTheClassifierFindsTheSectionProbable()
    {
        const string message = "Is there a coordinator training course for people who bring different groups together?";
        var read = AnsweredByAgreement(message, "initiative-collab-env-3");

        Assert.True(read.None < KnowledgeAnswerer.AgreeNoneEnglish && read.Of(read.Best) >= KnowledgeAnswerer.AgreeBestEnglish);
    }

    [Fact]
    public void AStoryEndingInAnOfficeQuestion_IsACloseRefusal_WhileAVagueQuestionAfterAStoryIsNot()
    {
        // The setting names the manual's 交流の不足; the question (an extension cord from the office's equipment) holds
        // words no section does. A vague question after a story reads as beyond the manual too, but holds no such words.
        var office = fixture.Ask("自治会とNPOの交流会を企画しています。交流会の会場で使う延長コードは庁舎の備品を持ち出しても大丈夫ですか。");
        var vague = fixture.Ask("自治会とNPOの交流会を企画していますが、両者がほとんど顔を合わせたことがなく、準備の話し合いがぎくしゃくしています。まず何から手を付ければいいですか。");

        Assert.False(office.Answered);
        Assert.Equal("challenge-common-3", office.Suggestions[0].Id);
        Assert.True(vague.Answered);
    }
}
