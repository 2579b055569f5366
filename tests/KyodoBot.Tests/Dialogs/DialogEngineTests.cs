using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs;

namespace KyodoBot.Tests.Dialogs;

public sealed class DialogEngineTests
{
    [Fact]
    public void Start_AsksTheFirstField_WithAnIntroductionAndTheNavigationHint()
    {
        var dialog = new DialogDriver();

        Assert.Equal(DialogStatus.InProgress, dialog.Status);
        Assert.Equal("orgName", dialog.Field);
        Assert.Equal("orgName", dialog.Step.CurrentField!.Id);
        var text = CardText.Shown(Assert.Single(dialog.Step.Messages));
        Assert.Contains("協働提案", text);
        Assert.Contains("提案団体名", text);
        Assert.Contains("提案する団体の名称を入力してください。", text);
        Assert.Contains("ヘルプ／戻る／状況", text);
        Assert.Equal(DialogTestSupport.Now, dialog.Session.StartedAt);
        Assert.Equal("proposal-intake", dialog.Session.DefinitionId);
    }

    [Fact]
    public void Start_InEnglish_AsksInEnglish()
    {
        var dialog = new DialogDriver(language: Language.English);

        Assert.Contains("What is the name of the proposing organisation?", dialog.Text);
        Assert.Contains("You can say: help, back", dialog.Text);
    }

    [Fact]
    public void ChoiceField_OffersItsChoicesAsButtons_AndAcceptsANumber()
    {
        var dialog = new DialogDriver().AnswerUntil("orgType");

        Assert.Equal(["NPO法人", "ボランティア団体", "地域団体", "公益的法人", "企業", "その他"], dialog.Buttons);
        Assert.Contains("1. NPO法人", dialog.Text);

        dialog.Say("②");

        Assert.Equal("volunteer", dialog.Session.Answer("orgType"));
        Assert.Contains("✔ 団体種別: ボランティア団体", dialog.Text);
    }

    [Fact]
    public void Answers_AreStoredInCanonicalForm()
    {
        var dialog = new DialogDriver().AnswerAll(new Dictionary<string, string>
        {
            ["startDate"] = "令和９年４月１日",
            ["endDate"] = "R10.3.31",
            ["budget"] = "１億２０００万円",
            ["phone"] = "０９０１２３４５６７８",
            ["email"] = "Yamada@Example.JP",
            ["check1"] = "はい、月1回の定例会で確認しています",
        });

        var answers = dialog.Session.Answers;
        Assert.Equal("2027-04-01", answers["startDate"]);
        Assert.Equal("2028-03-31", answers["endDate"]);
        Assert.Equal("120000000", answers["budget"]);
        Assert.Equal("090-1234-5678", answers["phone"]);
        Assert.Equal("Yamada@example.jp", answers["email"]);
        Assert.Equal("npo", answers["orgType"]);
        Assert.Equal("yes", answers["publicFunds"]);
        Assert.Equal("quarterly", answers["evaluationSchedule"]);
        Assert.Equal("yes", answers["check1"]);
        Assert.Equal("月1回の定例会で確認しています", answers[DialogSession.CommentKey("check1")]);
        Assert.Equal("毎週水曜日に公民館でサロンを開き、\n見守り訪問を行います。", answers["description"]);
    }

    [Fact]
    public void PublicFundsYes_AsksBudgetDisclosureAndSchedule_InThatOrder()
    {
        var dialog = new DialogDriver().AnswerUntil("publicFunds");

        dialog.Say("はい");
        Assert.Equal("budget", dialog.Field);
        dialog.Say("120万円");
        Assert.Equal("disclosure", dialog.Field);
        dialog.Say("市のホームページで四半期ごとに報告します。");
        Assert.Equal("evaluationSchedule", dialog.Field);
        dialog.Say("半年ごと");
        Assert.Equal("check1", dialog.Field);
    }

    [Theory]
    [InlineData("budget")]
    [InlineData("disclosure")]
    [InlineData("evaluationSchedule")]
    public void PublicMoneyTrio_CannotBeSkipped_AndTheStarRuleIsGivenAsTheReason(string fieldId)
    {
        var dialog = new DialogDriver().AnswerUntil(fieldId);

        dialog.Say("スキップ");

        Assert.Equal(fieldId, dialog.Field);
        Assert.Equal(DialogStatus.InProgress, dialog.Status);
        Assert.Contains("スキップできません", dialog.Text);
        Assert.Contains("狭義の協働", dialog.Text);
        Assert.Contains("「6 公開の原則」", dialog.Text);
        Assert.Contains("「7 時限性の原則」", dialog.Text);
        Assert.Equal(0, dialog.Session.FailureCount);
    }

    [Fact]
    public void PublicFundsYes_SaysThatThreeQuestionsWereAdded_AndTheCounterShowsTheNewTotal()
    {
        var dialog = new DialogDriver().AnswerUntil("publicFunds");
        var total = dialog.Definition.VisibleFields(dialog.Session.Answers).Count;
        Assert.Contains($"/{total}）", dialog.Text);

        dialog.Say("はい");

        Assert.Contains($"この回答により、質問が3問増えました（全{total + 3}問）。", dialog.Text);
        Assert.Contains($"/{total + 3}）", dialog.Text);
    }

    [Fact]
    public void PublicFundsNo_AddsNoQuestion_AndSaysNothingAboutTheCount()
    {
        var dialog = new DialogDriver().AnswerUntil("publicFunds");

        dialog.Say("いいえ");

        Assert.DoesNotContain("この回答により", dialog.Text);
    }

    [Fact]
    public void PublicFundsNo_SkipsTheTrio()
    {
        var dialog = new DialogDriver().AnswerUntil("publicFunds");

        dialog.Say("いいえ");

        Assert.Equal("check1", dialog.Field);
        dialog.AnswerAll();
        Assert.DoesNotContain(dialog.Step.Summary!.Sections.SelectMany(s => s.Items), i => i.FieldId is "budget" or "disclosure" or "evaluationSchedule");
    }

    [Fact]
    public void PublicFundsChangedFromYesToNo_DropsTheTriosAnswers_AndSaysSo()
    {
        var dialog = new DialogDriver().AnswerAll();
        Assert.Equal("1200000", dialog.Session.Answer("budget"));

        dialog.Say("修正 公金の支出");
        Assert.Equal("publicFunds", dialog.Field);
        Assert.Contains("現在の回答: はい", dialog.Text);
        dialog.Say("いいえ");

        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.Null(dialog.Session.Answer("budget"));
        Assert.Null(dialog.Session.Answer("disclosure"));
        Assert.Null(dialog.Session.Answer("evaluationSchedule"));
        Assert.Contains("不要になった項目の回答を削除しました", dialog.Text);
        Assert.Contains("予算額", dialog.Text);
    }

    [Fact]
    public void PublicFundsChangedFromNoToYes_AsksTheTrio_ThenReturnsToTheSummary()
    {
        var dialog = new DialogDriver().AnswerAll(new Dictionary<string, string> { ["publicFunds"] = "いいえ" });

        dialog.Say("修正 publicFunds");
        dialog.Say("はい");
        Assert.Equal("budget", dialog.Field);
        dialog.Say("50万円");
        dialog.Say("団体の会報で報告します。年度末に成果報告会も開きます。");
        dialog.Say("年1回");

        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.Equal("annual", dialog.Session.Answer("evaluationSchedule"));
    }

    [Fact]
    public void ExplicitEvaluationDates_MustLieInThePeriod_WithOneBeforeTheEnd()
    {
        var dialog = new DialogDriver().AnswerUntil("evaluationSchedule");

        dialog.Say("日付を指定");
        Assert.Equal("evaluationDates", dialog.Field);

        dialog.Say("2027年9月30日、2028年5月1日");
        Assert.Contains("2番目の日付", dialog.Text);
        Assert.Contains("終了日（2028年3月31日）以前", dialog.Text);

        dialog.Say("2027年3月1日");
        Assert.Contains("開始日（2027年4月1日）以降", dialog.Text);

        dialog.Say("2028年3月31日");
        Assert.Contains("少なくとも1つは、終了日（2028年3月31日）より前", dialog.Text);

        dialog.Say("2028/3/1、2027-09-30");
        Assert.Equal("check1", dialog.Field);
        Assert.Equal("2027-09-30,2028-03-01", dialog.Session.Answer("evaluationDates"));
    }

    [Fact]
    public void StartDateInThePast_IsRefused_WithToday()
    {
        var dialog = new DialogDriver().AnswerUntil("startDate");

        dialog.Say("2026-11-28");

        Assert.Equal("startDate", dialog.Field);
        Assert.Contains("今日（2026年11月29日）以降", dialog.Text);
        dialog.Say("2026-11-29");
        Assert.Equal("endDate", dialog.Field);
    }

    [Fact]
    public void EndDateNotAfterStart_IsRefused_NamingTheStartDate()
    {
        var dialog = new DialogDriver().AnswerUntil("endDate");

        dialog.Say("2027年4月1日");

        Assert.Equal("endDate", dialog.Field);
        Assert.Contains("開始日（2027年4月1日）より後の日付", dialog.Text);
    }

    [Fact]
    public void EndDateMoreThanTenYearsAfterStart_IsRefused_NamingTheLastPossibleDate()
    {
        var dialog = new DialogDriver().AnswerUntil("endDate");

        dialog.Say("2999-12-31");

        Assert.Equal("endDate", dialog.Field);
        Assert.Contains("実施期間は最長10年です。開始日（2027年4月1日）から10年以内（2037年4月1日まで）", dialog.Text);
        dialog.Say("2037-04-01");
        Assert.NotEqual("endDate", dialog.Field);
    }

    [Fact]
    public void StartDateEditedPastTheEndDate_AsksTheEndDateAgain()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("修正 開始日");
        dialog.Say("2028年4月1日");

        Assert.Equal("endDate", dialog.Field);
        Assert.Null(dialog.Session.Answer("endDate"));
        Assert.Contains("もう一度お聞きします", dialog.Text);
        dialog.Say("2029年3月31日");
        Assert.Equal(DialogStatus.Summary, dialog.Status);
    }

    [Fact]
    public void Back_ReturnsToThePreviousField_ShowingTheCurrentAnswer()
    {
        var dialog = new DialogDriver().AnswerUntil("representative");

        dialog.Say("戻る");

        Assert.Equal("orgType", dialog.Field);
        Assert.Contains("現在の回答: NPO法人", dialog.Text);
        dialog.Say("back");
        Assert.Equal("orgName", dialog.Field);
        dialog.Say("戻る");
        Assert.Equal("orgName", dialog.Field);
        Assert.Contains("これより前の質問はありません", dialog.Text);
    }

    [Theory]
    [InlineData("そのまま")]
    [InlineData("変更なし")]
    [InlineData("keep")]
    public void Back_ThenKeep_KeepsTheAnswer_AndGoesOn(string word)
    {
        var dialog = new DialogDriver().AnswerUntil("representative");
        var before = dialog.Session.Answer("orgType");
        dialog.Say("戻る");
        Assert.Equal("orgType", dialog.Field);
        Assert.Contains("「そのまま」と送ってください", dialog.Text);
        Assert.Contains("そのまま", dialog.Buttons);

        dialog.Say(word);

        Assert.Equal("representative", dialog.Field);
        Assert.Equal(before, dialog.Session.Answer("orgType"));
        Assert.Contains("✔ 団体種別: NPO法人（変更なし）", dialog.Text);
    }

    [Fact]
    public void Keep_OnAFieldWithoutAnAnswer_IsAnOrdinaryAnswer()
    {
        var dialog = new DialogDriver().AnswerUntil("orgName");

        dialog.Say("そのまま");

        Assert.Equal("そのまま", dialog.Session.Answer("orgName"));
        Assert.DoesNotContain("「そのまま」と送ってください", dialog.Text);
    }

    [Fact]
    public void Back_ThenAnswer_ContinuesAtTheFirstOpenField()
    {
        var dialog = new DialogDriver().AnswerUntil("projectName");
        dialog.Say("戻る");
        Assert.Equal("phone", dialog.Field);

        dialog.Say("090-1111-2222");

        Assert.Equal("projectName", dialog.Field);
        Assert.Equal("090-1111-2222", dialog.Session.Answer("phone"));
    }

    [Fact]
    public void Back_FromTheSummary_GoesToTheLastField()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("戻る");

        Assert.Equal("check7", dialog.Field);
        Assert.Equal(DialogStatus.InProgress, dialog.Status);
    }

    [Fact]
    public void Edit_FromTheSummary_ByLabel_ThenAnswer_ReturnsToTheSummary()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("修正 事業名");
        Assert.Equal("projectName", dialog.Field);
        Assert.True(dialog.Session.ReturnToSummary);
        Assert.Contains("「戻る」で確認画面に戻ります", dialog.Text);
        dialog.Say("地域サロン事業");

        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.Equal("地域サロン事業", dialog.Session.Answer("projectName"));
        Assert.False(dialog.Session.ReturnToSummary);
    }

    [Fact]
    public void Edit_ThenBack_ReturnsToTheSummaryUnchanged()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("edit projectName");
        dialog.Say("戻る");

        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.Equal("高齢者の見守りとサロン運営事業", dialog.Session.Answer("projectName"));
    }

    [Theory]
    [InlineData("修正 目的", "purpose")]
    [InlineData("修正目的", "purpose")]
    [InlineData("修正 ＰＵＲＰＯＳＥ", "purpose")]
    [InlineData("edit budget", "budget")]
    [InlineData("修正 市の役割", "cityRole")]
    [InlineData("修正 「所管課」", "department")]
    [InlineData("change start date", "startDate")]
    public void Edit_FindsTheFieldByIdLabelOrPartOfIt(string command, string expected)
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say(command);

        Assert.Equal(expected, dialog.Field);
    }

    [Fact]
    public void Edit_Ambiguous_OffersTheCandidatesAsButtons()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("修正 連絡先");

        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.Contains("複数あります", dialog.Text);
        Assert.Equal(["修正 連絡先（メールアドレス）", "修正 連絡先（電話番号）", "送信", "修正", "キャンセル"], dialog.Buttons);
        dialog.Say(dialog.Buttons[1]);
        Assert.Equal("phone", dialog.Field);
    }

    [Fact]
    public void Edit_Unknown_ListsTheFields_AndKeepsTheCurrentQuestion()
    {
        var dialog = new DialogDriver().AnswerUntil("purpose");

        dialog.Say("修正 予算の内訳");

        Assert.Equal("purpose", dialog.Field);
        Assert.Contains("見つかりませんでした", dialog.Text);
        Assert.Contains("- 提案団体名", dialog.Text);
    }

    [Fact]
    public void AnAnswerStartingWithTheEditWord_IsStillAnAnswer()
    {
        var dialog = new DialogDriver().AnswerUntil("projectName");

        dialog.Say("修正版の見守り計画");

        Assert.Equal("purpose", dialog.Field);
        Assert.Equal("修正版の見守り計画", dialog.Session.Answer("projectName"));
    }

    [Fact]
    public void Skip_OptionalEmail_MakesThePhoneRequired()
    {
        var dialog = new DialogDriver().AnswerUntil("email");
        Assert.Contains("スキップ", dialog.Buttons);
        Assert.Contains("（任意）", dialog.Text);

        dialog.Say("スキップ");
        Assert.Equal("phone", dialog.Field);
        Assert.Contains("「連絡先（メールアドレス）」をスキップしました", dialog.Text);
        Assert.DoesNotContain("スキップ", dialog.Buttons);

        dialog.Say("skip");
        Assert.Equal("phone", dialog.Field);
        Assert.Contains("「連絡先（メールアドレス）」を入力していないため", dialog.Text);
    }

    [Fact]
    public void Skip_PhoneAfterAnEmail_IsAllowed()
    {
        var dialog = new DialogDriver().AnswerUntil("phone");

        dialog.Say("スキップ");

        Assert.Equal("projectName", dialog.Field);
        Assert.Null(dialog.Session.Answer("phone"));
        Assert.Contains("phone", dialog.Session.Skipped);
    }

    [Fact]
    public void SkippedEmail_LaterRemoved_PhoneBecomesRequiredAgain()
    {
        var dialog = new DialogDriver().AnswerAll(new Dictionary<string, string> { ["phone"] = "スキップ" });
        Assert.Null(dialog.Session.Answer("phone"));

        dialog.Say("修正 連絡先（メールアドレス）");
        dialog.Say("スキップ");

        Assert.Equal("phone", dialog.Field);
        Assert.Equal(DialogStatus.InProgress, dialog.Status);
    }

    [Fact]
    public void Skip_ARequiredField_IsRefused_WithoutCountingAFailure()
    {
        var dialog = new DialogDriver();

        dialog.Say("スキップ");

        Assert.Equal("orgName", dialog.Field);
        Assert.Contains("「提案団体名」は必須のため、スキップできません。", dialog.Text);
        Assert.Equal(0, dialog.Session.FailureCount);
    }

    [Fact]
    public void Cancel_AsksFirst_AndYesCancels()
    {
        var dialog = new DialogDriver().AnswerUntil("purpose");

        dialog.Say("キャンセル");
        Assert.Equal(DialogStatus.AwaitingConfirmation, dialog.Status);
        Assert.Equal(PendingConfirmation.Cancel, dialog.Session.Pending);
        Assert.Equal(["はい", "いいえ"], dialog.Buttons);

        dialog.Say("はい");
        Assert.Equal(DialogStatus.Cancelled, dialog.Status);
        Assert.Equal(DialogPhase.Cancelled, dialog.Session.Phase);
        Assert.Contains("中止しました", dialog.Text);
    }

    [Fact]
    public void Cancel_No_ResumesTheSameField_WithAnswersKept()
    {
        var dialog = new DialogDriver().AnswerUntil("purpose");

        dialog.Say("cancel");
        dialog.Say("いいえ");

        Assert.Equal(DialogStatus.InProgress, dialog.Status);
        Assert.Equal("purpose", dialog.Field);
        Assert.Null(dialog.Session.Pending);
        Assert.Equal("高齢者の見守りとサロン運営事業", dialog.Session.Answer("projectName"));
        Assert.Contains("入力を続けます", dialog.Text);
    }

    [Fact]
    public void Cancel_AnythingButYesOrNo_AsksAgain()
    {
        var dialog = new DialogDriver().AnswerUntil("purpose");
        dialog.Say("キャンセル");

        dialog.Say("一人暮らしの高齢者が地域で孤立しないまちをつくります。");

        Assert.Equal(DialogStatus.AwaitingConfirmation, dialog.Status);
        Assert.Null(dialog.Session.Answer("purpose"));
    }

    [Fact]
    public void Cancel_AtTheSummary_No_ShowsTheSummaryAgain()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("キャンセル");
        dialog.Say("いいえ");

        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.NotNull(dialog.Step.Summary);
    }

    [Fact]
    public void Status_CountsAndListsAnsweredSkippedAndRemaining()
    {
        var dialog = new DialogDriver().AnswerUntil("email");
        dialog.Say("スキップ");

        dialog.Say("状況");

        Assert.Equal("phone", dialog.Field);
        Assert.Contains("全23項目中4項目が済んでいます（残り19項目）", dialog.Text);
        Assert.Contains("回答済み: 提案団体名、団体種別、代表者名", dialog.Text);
        Assert.Contains("スキップ: 連絡先（メールアドレス）", dialog.Text);
        Assert.Contains("未回答: 連絡先（電話番号）、事業名", dialog.Text);
    }

    [Fact]
    public void Help_ExplainsTheField_AndNamesThePrincipleItServes()
    {
        var dialog = new DialogDriver().AnswerUntil("disclosure");

        dialog.Say("ヘルプ");

        Assert.Equal("disclosure", dialog.Field);
        Assert.Contains("「公開の方法」について", dialog.Text);
        Assert.Contains("この項目は「6 公開の原則」に関わります。", dialog.Text);
        Assert.Contains("説明責任", dialog.Text);
        Assert.Contains("事業のプロセスや成果を、どのように公開しますか？", dialog.Text);
    }

    [Fact]
    public void Help_InEnglish_NamesThePrinciple()
    {
        var dialog = new DialogDriver(language: Language.English).AnswerUntil("purpose");

        dialog.Say("help");

        Assert.Contains("This item serves principle 1 (shared purpose)", dialog.Text);
    }

    [Fact]
    public void InvalidAnswer_SaysWhatIsWrongAndHowToAnswer_AndAsksAgain()
    {
        var dialog = new DialogDriver().AnswerUntil("budget");

        dialog.Say("たくさん");

        Assert.Equal("budget", dialog.Field);
        Assert.Equal(1, dialog.Session.FailureCount);
        Assert.Contains("⚠️ 金額として読み取れませんでした", dialog.Text);
        Assert.Contains("120万円", dialog.Text);
        Assert.Contains("事業の予算額（市の公金の額）を入力してください。", dialog.Text);
    }

    [Fact]
    public void ThreeFailures_OfferHelpAndCancel_ButAValidAnswerIsStillAccepted()
    {
        var dialog = new DialogDriver().AnswerUntil("startDate");

        dialog.Say("来週");
        dialog.Say("4月1日");
        Assert.DoesNotContain("ヘルプ", dialog.Buttons);
        dialog.Say("そのうち");

        Assert.Equal(3, dialog.Session.FailureCount);
        Assert.Contains("うまく読み取れないようです", dialog.Text);
        Assert.Equal(["ヘルプ", "キャンセル"], dialog.Buttons);

        dialog.Say("2027年4月1日");
        Assert.Equal("endDate", dialog.Field);
        Assert.Equal(0, dialog.Session.FailureCount);
    }

    [Fact]
    public void ThreeFailures_ThenHelpButton_ShowsHelp()
    {
        var dialog = new DialogDriver().AnswerUntil("orgType");
        dialog.Say("団体");
        dialog.Say("9");
        dialog.Say("わかりません");

        dialog.Say(dialog.Buttons.Single(b => b == "ヘルプ"));

        Assert.Contains("「団体種別」について", dialog.Text);
        Assert.Equal(0, dialog.Session.FailureCount);
    }

    [Fact]
    public void QuestionInsteadOfAnAnswer_IsHandedBack_WithoutCountingAFailure()
    {
        var dialog = new DialogDriver().AnswerUntil("budget");

        dialog.Say("公開の原則とは？");

        Assert.Equal("公開の原則とは?", dialog.Step.UnrecognisedQuestion);
        Assert.Equal("budget", dialog.Field);
        Assert.Equal(0, dialog.Session.FailureCount);
        Assert.Contains("続けて「予算額」についてお答えください", dialog.Text);
    }

    [Fact]
    public void QuestionAtAFreeTextField_IsHandedBack_ButAQuestionShapedAnswerIsKept()
    {
        var dialog = new DialogDriver().AnswerUntil("issue");

        dialog.Say("地域課題とは何ですか？");
        Assert.NotNull(dialog.Step.UnrecognisedQuestion);
        Assert.Equal("issue", dialog.Field);

        dialog.Say("高齢者の孤立をどう防ぐか？");
        Assert.Null(dialog.Step.UnrecognisedQuestion);
        Assert.Equal("高齢者の孤立をどう防ぐか？", dialog.Session.Answer("issue")?.Replace("?", "？", StringComparison.Ordinal));
    }

    [Fact]
    public void Department_FromTheRegistry_ByNumber_OrUnregisteredByName()
    {
        var dialog = new DialogDriver().AnswerUntil("department");
        Assert.Equal(DialogTestSupport.Departments, dialog.Buttons);

        dialog.Say("2");
        Assert.Equal("高齢福祉課", dialog.Session.Answer("department"));

        dialog.Say("修正 所管課");
        dialog.Say("ＮＰＯ支援課");
        Assert.Equal("NPO支援課", dialog.Session.Answer("department"));
        Assert.Contains("✔ 所管課: NPO支援課", dialog.Text);

        dialog.Say("修正 所管課");
        dialog.Say("7");
        Assert.Equal("department", dialog.Field);
        Assert.Contains("所管課を一覧から選んでください", dialog.Text);
    }

    [Fact]
    public void Summary_ListsEveryAnswerWithItsLabel_TheSelfCheck_AndTheActions()
    {
        var dialog = new DialogDriver().AnswerAll(new Dictionary<string, string> { ["check5"] = "いいえ まだ話し合っていません" });

        var summary = dialog.Step.Summary!;
        Assert.Equal(["organisation", "project", "roles", "period", "funding", "selfCheck"], summary.Sections.Select(s => s.Id));
        var items = summary.Sections.SelectMany(s => s.Items).ToDictionary(i => i.FieldId);
        Assert.Equal("提案団体名", items["orgName"].Label);
        Assert.Equal("NPO法人", items["orgType"].Value);
        Assert.Equal("2027年4月1日", items["startDate"].Value);
        Assert.Equal("1,200,000円", items["budget"].Value);
        Assert.Equal("四半期ごと", items["evaluationSchedule"].Value);
        Assert.Equal("いいえ", items["check5"].Value);
        Assert.Equal("まだ話し合っていません", items["check5"].Comment);
        Assert.Equal("「5 対等の原則」", items["check5"].Principle);
        Assert.Equal(7, summary.Sections.Single(s => s.Id == "selfCheck").Items.Count);

        var message = dialog.Step.Messages[^1];
        Assert.True(message.PlainText);
        Assert.Contains("・提案団体名: 特定非営利活動法人みどり野まちづくりネット", message.Text);
        Assert.Contains("【協働の原則セルフチェック】", message.Text);
        Assert.Contains("（コメント: まだ話し合っていません）", message.Text);
        Assert.Equal(["送信", "修正", "キャンセル"], dialog.Buttons);
    }

    [Fact]
    public void Summary_UserTextIsNotMarkdown_AndAnsweringTextAtTheSummaryRemindsOfTheActions()
    {
        var dialog = new DialogDriver().AnswerAll(new Dictionary<string, string> { ["orgName"] = "[公式](https://evil.example) **団体**" });

        Assert.Equal("[公式](https://evil.example) **団体**", dialog.Step.Summary!.Sections[0].Items[0].Value);
        Assert.True(dialog.Step.Messages[^1].PlainText);

        dialog.Say("よろしくお願いします");
        Assert.Equal(DialogStatus.Summary, dialog.Status);
        Assert.Contains("送信", dialog.Text);
        Assert.Equal(["送信", "修正", "キャンセル"], dialog.Buttons);
    }

    [Fact]
    public void UserTextShownInAPrompt_IsATextRun_NeverMarkdown_AndUnescaped()
    {
        var dialog = new DialogDriver().AnswerUntil("orgType", new Dictionary<string, string> { ["orgName"] = "[x](https://evil.example)" });

        dialog.Say("戻る");

        var card = Assert.Single(dialog.Step.Messages).CardJson!;
        Assert.Contains("\"type\":\"TextRun\",\"text\":\"現在の回答: [x](https://evil.example)\"", card);
        Assert.DoesNotContain("\"TextBlock\"", card); // TextBlocks read Markdown; a prompt card has none
        Assert.DoesNotContain("\\", dialog.Text);
    }

    [Fact]
    public void Submit_AtTheSummary_IsSubmitted_WithTheSummary()
    {
        var dialog = new DialogDriver().AnswerAll();

        dialog.Say("送信");

        Assert.Equal(DialogStatus.Submitted, dialog.Status);
        Assert.Equal(DialogPhase.Submitted, dialog.Session.Phase);
        Assert.Empty(dialog.Step.Messages);
        Assert.NotNull(dialog.Step.Summary);
    }

    [Fact]
    public void Submit_BeforeEverythingIsAnswered_IsRefused()
    {
        var dialog = new DialogDriver().AnswerUntil("purpose");

        dialog.Say("submit");

        Assert.Equal(DialogStatus.InProgress, dialog.Status);
        Assert.Equal("purpose", dialog.Field);
        Assert.Contains("まだ回答していない項目があります", dialog.Text);
    }

    [Fact]
    public void Submit_DaysLater_WhenTheStartDateHasPassed_AsksForItAgain()
    {
        var dialog = new DialogDriver().AnswerAll(new Dictionary<string, string> { ["startDate"] = "2026年12月1日" });
        dialog.Time.Advance(TimeSpan.FromDays(5));
        dialog.Context = dialog.Context with { Today = DialogContext.TodayInJapan(dialog.Time) };

        dialog.Say("送信");

        Assert.Equal(DialogStatus.InProgress, dialog.Status);
        Assert.Equal("startDate", dialog.Field);
        Assert.Contains("今日（2026年12月4日）以降", dialog.Text);
        dialog.Say("2027年1月5日");
        Assert.Equal(DialogStatus.Summary, dialog.Status);
        dialog.Say("送信");
        Assert.Equal(DialogStatus.Submitted, dialog.Status);
    }

    [Fact]
    public void AfterTheEnd_FurtherInputIsAnsweredPolitely()
    {
        var dialog = new DialogDriver().AnswerAll();
        dialog.Say("送信");

        dialog.Say("こんにちは");

        Assert.Equal(DialogStatus.Submitted, dialog.Status);
        Assert.Contains("すでに終了しています", dialog.Text);
    }

    [Fact]
    public void CardValues_AnswerTheCurrentField_WithTheCommentInItsOwnInput()
    {
        var dialog = new DialogDriver().AnswerUntil("startDate");

        dialog.Submit(new Dictionary<string, string> { ["startDate"] = "2027-04-01" });
        Assert.Equal("2027-04-01", dialog.Session.Answer("startDate"));

        dialog.AnswerUntil("check1");
        dialog.Submit(new Dictionary<string, string> { ["check1"] = "yes", ["check1.comment"] = "定例会で確認済み" });
        Assert.Equal("yes", dialog.Session.Answer("check1"));
        Assert.Equal("定例会で確認済み", dialog.Session.CommentOf("check1"));

        dialog.Submit(new Dictionary<string, string> { ["command"] = "戻る" });
        Assert.Equal("check1", dialog.Field);
    }

    [Fact]
    public void EnglishCommandsAndAnswers_WorkThroughout()
    {
        var dialog = new DialogDriver(language: Language.English);

        dialog.Say("Midorino Town Network");
        dialog.Say("Volunteer group");
        Assert.Equal("volunteer", dialog.Session.Answer("orgType"));
        dialog.Say("status");
        Assert.Contains("Progress: 2 of 23 items done", dialog.Text);
        dialog.Say("Yamada Hanako");
        dialog.Say("skip");
        Assert.Contains("Skipped \"Contact e", dialog.Text);
        dialog.Say("skip");
        Assert.Contains("is needed (at least one of the two)", dialog.Text);
    }
}
