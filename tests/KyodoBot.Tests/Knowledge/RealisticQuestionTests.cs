using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// How staff really ask (issue #10): long messages, requests, typos, English through the dictionary extract, alternate
/// phrasings, facts the manual does not hold, and the realistic development set's floor.
/// </summary>
public sealed class RealisticQuestionTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static string RealisticDevSet => Path.Combine(KnowledgePaths.Content.Root, "tests", "KyodoBot.Tests", "Knowledge", "realistic-dev.jsonl");

    [Fact]
    public void RealisticDevSet_StaysAboveItsMeasuredLevel_AndRefusesEveryOutOfScopeQuestion()
    {
        var report = QuestionSetRunner.Run(RealisticDevSet, fixture.Answerer, fixture.Knowledge);

        // Measured 53/58 in scope and 54/58 in the first three before the phrasing matcher, 52/58 and 56/58 after it.
        Assert.True(report.InScopePassed >= 52, $"{report.InScopePassed}/{report.InScope} in scope\n{Failures(report)}");
        Assert.True(report.Top3 >= 55, $"right section in the first three for {report.Top3}/{report.WithSection}");
        Assert.True(report.AllOutOfScopeRefused, $"{report.OutOfScopeRefused}/{report.OutOfScope} refused\n{Failures(report)}");
    }

    [Theory]
    [InlineData("ボランティア保険に入る方法は？")]
    [InlineData("協働事業で使えるボランティア保険は？")]
    [InlineData("NPOの会計ソフトは何を使えばいい？")]
    public void CompoundWhoseHeadTheManualLacks_IsRefused_ThoughItsOtherWordIsInTheManual(string text)
    {
        var answer = fixture.Ask(text);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} ({answer.Confidence})");
    }

    [Theory]
    [InlineData("ボランティア保険", new[] { "ボランティア", "保険" })]
    [InlineData("会計ソフト", new[] { "会計", "ソフト" })]
    [InlineData("ネットワーク化", new[] { "ネットワーク化" })] // a one-character part stays attached
    [InlineData("協働事業", new[] { "協働事業" })]
    public void ScriptParts_SplitAKatakanaWordFromAKanjiWord(string word, string[] parts) =>
        Assert.Equal(parts, QuestionAnalyzer.ScriptParts(word));

    [Fact]
    public void CasualVerbOrAdverbTheManualLacks_WeighsAQuarterOfAMissingNoun()
    {
        var index = fixture.Knowledge.Current;
        Assert.Contains("揃", index.Vocabulary.Predicates); // 揃える: a verb in EDICT
        Assert.Contains("hesitate", index.Vocabulary.Predicates);
        Assert.DoesNotContain("保険", index.Vocabulary.Predicates); // a noun

        var verb = Weight(index, "NPOと足並みを揃えるには？", "揃");
        var adverb = Weight(index, "NPOは全然だめ？", "全然");
        var noun = Weight(index, "NPOの保険は？", "保険");
        var english = Weight(index, "Why do groups hesitate?", "hesitate");
        var englishNoun = Weight(index, "Why do groups need insurance?", "insurance");

        Assert.Equal(noun / 4, adverb, 3);
        Assert.Equal(noun / 8, verb, 3); // a lone kanji counts half to begin with
        Assert.Equal(englishNoun / 4, english, 3);
    }

    [Fact]
    public void CasualQuestion_WithAVerbTheManualLacks_IsAnsweredFromTheRightSection()
    {
        var answer = fixture.Ask("ボランティア団体ってどんなことで困ってる？");

        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("challenge", answer.Citations[0].Id, StringComparison.Ordinal);
        Assert.Contains("人材", answer.Text);
    }

    [Fact]
    public void EnglishFramingWordTheManualLacks_WeighsNothing_WhileAMissingNounWeighsWhole()
    {
        var index = fixture.Knowledge.Current;

        // "policy" names the manual itself, like 方針; no section holds the English word, so it must not count as a
        // missing matter that drags the coverage of "staffing shortages" down.
        Assert.Equal(0, Weight(index, "What does the policy say about staffing shortages?", "policy"));
        Assert.True(Weight(index, "What does the policy say about parking?", "parking") > 1);
    }

    private static double Weight(KnowledgeIndex index, string text, string key)
    {
        var question = index.Analyze(text);
        var weights = index.Weights(question);
        var at = question.Concepts.ToList().FindIndex(c => c.Key == key);
        Assert.True(at >= 0, $"{key} is a concept of {text}: {string.Join(", ", question.Concepts.Select(c => c.Key))}");
        return weights[at];
    }

    /// <summary>
    /// Floors one or two questions under what was measured (README, "Quality and speed"). Fresh: 14/23 in scope and
    /// 20/23 in the first three after ADR 0021; 15/23 and 19/23 after the third round (rf20 came in, rf04 fell to
    /// fourth behind longer phrasing fields). Ask-dev (written before the third round): 8/17 and 13/17 before it,
    /// 9/17 and 13/17 after, 10/17 after round 2 (an English long question whose dictionary-only words single out one
    /// section). R2-dev (English and long, written before round 2): 6/10 and 8/10. After the phrasing matcher: fresh
    /// 19/23 and 21/23, ask-dev 12/17 and 14/17, r2-dev 9/10 and 9/10. Every out-of-scope question is refused.
    /// </summary>
    [Theory]
    [InlineData("realistic-fresh.jsonl", 18, 20)]
    [InlineData("realistic-ask-dev.jsonl", 11, 13)]
    [InlineData("realistic-r2-dev.jsonl", 8, 8)]
    public void QuestionSet_RefusesEveryOutOfScopeQuestion_AndKeepsItsMeasuredLevel(string file, int inScope, int top3)
    {
        var set = Path.Combine(Path.GetDirectoryName(RealisticDevSet)!, file);
        Assert.All(QuestionSetRunner.Load(set).SelectMany(c => c.Sections), id => Assert.NotNull(fixture.Knowledge.Find(id)));

        var report = QuestionSetRunner.Run(set, fixture.Answerer, fixture.Knowledge);

        Assert.True(report.AllOutOfScopeRefused, $"{report.OutOfScopeRefused}/{report.OutOfScope} refused\n{Failures(report)}");
        Assert.True(report.InScopePassed >= inScope, $"{report.InScopePassed}/{report.InScope} in scope\n{Failures(report)}");
        Assert.True(report.Top3 >= top3, $"right section in the first three for {report.Top3}/{report.WithSection}");
    }

    /// <summary>
    /// The lead's private sets made development sets once a newer private set replaced them, each written before any
    /// change of its session by a question writer who never saw the code (styles: 25 long, 25 casual, 25 English, 10
    /// typo, 10 polite, 5 broad; 40 out of scope).
    /// R4-dev (session 6's unseen4, a development set since session 7): 69/100 in scope, 89/100 in the first three,
    /// 39/40 refused at its start (r4-o34, a long message about a move whose question is "What's the process?", was
    /// answered); after the generic question sentence rule (ADR 0032, round 2, written on made-up messages): 73/100,
    /// 88, 40/40.
    /// R5-dev (session 7's unseen5, a development set since session 8): 74/100, 88, 40/40 at the start of session 7;
    /// 80/100, 90, 40/40 at its end.
    /// Session 8, long messages (a part the vote chose is not traded for its group; a question sentence pointing back
    /// at the story): r4-dev 75/100, 88, 40/40; r5-dev 82/100, 91, 40/40; with the trouble shapes and other asking
    /// sentences as concerns (ADR 0035-trouble-shapes): r4-dev 77/100, 88, 40/40; r5-dev 84/100, 92, 40/40.
    /// R6-dev (session 8's unseen6, a development set since session 9; 10 of its 25 long messages vent a conflict
    /// without the principle's words): 75/100, 88, 40/40 at the start of session 8; 74/100, 91, 40/40 at its end.
    /// R7-dev (written at the start of session 10 for the repository, before any change of the session; 20 long, 25
    /// casual, 25 English, 10 typo, 12 polite, 8 broad): 81/100, 93, 37/40 at its start; 40/40 with a fact asked for
    /// someone else (ADR 0045).
    /// Session 10, a story's situation voting for the unit as evidence, the decision refitted
    /// (docs/decisions/0048-story-agreement.md; from main f3564d5): r4-dev 78 → 81/100, 88, 40/40; r5-dev 86 → 87/100,
    /// 94, 40/40; r6-dev 76 → 84/100, 92 → 91, 40/40; r7-dev 81 → 84/100, 93 → 94, 40/40.
    /// R8-dev and r9-dev (session 10's private unseen9 and unseen10, written at its start by writers who saw only the
    /// policy text and the section ids, only scored during session 10; development sets since session 11): r8-dev
    /// 82/100, 94, 39/40 and r9-dev 79/100, 97, 39/40 at the start of session 10; 81/100, 93, 40/40 and 81/100, 97,
    /// 39/40 at its end. u10-o14 (NPO法の活動分野は全部で何分野) was the one answered: any counter after 何 (分野, 部署, 法人)
    /// asks for a count since session 11 (r9-dev 40/40).
    /// Session 11, the paraphrase lexicon (ADR 0052) with the count and list-request readings: r4-dev 82 → 89/100,
    /// 89 → 92; r5-dev 87 → 89, 94 → 95; r6-dev 84 → 88, 91 → 94; r7-dev 83 → 87, 94 → 95; r8-dev 81 → 88, 93 → 95;
    /// r9-dev 81 → 85, 97 → 99, 39 → 40/40; with a named part (ADR 0050, named2): r7-dev 88, r8-dev 89, r9-dev 90 (the
    /// figures below).
    /// R10-dev and r11-dev (session 11's private unseen11 and unseen12, written at its start by writers who saw only the
    /// policy text and the section ids, only scored during session 11; development sets since session 12): r10-dev
    /// 81/100, 93, 39/40 and r11-dev 80/100, 96, 37/40 at the start of session 11; 83/100, 94, 39/40 and 84/100, 96,
    /// 38/40 at its end; out of scope 40/40 each once a person asked for by role is a fact the manual lacks (session 12:
    /// 「市民協働の担当課長って今誰？」, 「コーディネーター研修の講師は誰ですか」, "which vendor won the contract").
    /// Session 12, with the question glossary (ADR 0056) and the part of a named group (ADR 0055): r5 91, r7 90 (96 in
    /// the first three), r9 91, r10 86/100 (95), r11 85/100 (97), out of scope 40/40 each. Then a question sentence that
    /// asks what the manual says as evidence (asks_the_manual, ADR 0054; its weight fitted on r4–r11 with one set held
    /// out at a time): r4 90, r5 94, r7 91, r8 91, r10 87, r11 89 (r4–r11 summed 709 → 721) — the floors below.
    /// R12-dev and r13-dev (session 12's private unseen13 and unseen14, same writers' brief, only scored until session 13
    /// adopted ADR 0054, 0055 and 0056 on their scores): r12-dev 92/100, 96, 37/40 and r13-dev 79/100, 91, 38/40 at the
    /// start of session 12; 94/100, 97, 38/40 and 84/100, 93, 38/40 when they became development sets; 95/100, 97,
    /// 38/40 and 88/100, 94, 38/40 with the Japanese readings of ADR 0059 (typo by sound, を dropped before a verb,
    /// 計画 as the document, 部分/区分 as where to look).
    /// English staff questions (ADR 0058: "the plan" as the document, "does the plan mention this problem", romaji
    /// openers) on top; all three merged (session 13): r12 95/100, 97, 40/40; r13 92/100, 97, 40/40 — the floors below.
    /// Out of scope 40/40 each with the facts and names the manual lacks (session 13, ADR 0057: 「NPO法で決まってる活動分野」
    /// is what a law lays down, "the monetary threshold … the legal rules", "VLOOKUP in Excel" a name no section holds).
    /// R14-dev and r15-dev (session 13's private unseen15 and unseen16, same writers' brief, scored for ADR 0057–0059 and
    /// all three merged; development sets since session 14): r14-dev 93/100, 98, 40/40 and r15-dev 79/100, 94, 40/40 at
    /// the start of session 13; 95/100, 98, 40/40 and 82/100, 94, 40/40 when they became development sets; 96/100, 99,
    /// 40/40 and 84/100, 96, 40/40 with ordinals and a party's list asked in two sentences (ADR 0062).
    /// Polite questions read with keigo in plain form and the paraphrases of ADR 0060 (session 14): r9 92, r10 88/96,
    /// r11 90, r14 96/100, r15 85/100. All three of session 14 with the part a story tells (ADR 0061): r6 89, r8 92,
    /// r13 93, r14 97/99, r15 87/96. English questions read with a survey named as the source, the kind asked in another
    /// sentence and "set up a new NPO" as founding one (ADR 0064): r4 91/94, r9 93/99, r10 89/96, r15 89/97. A party named
    /// in a one-sentence question, "notes marked ※3" as 注記 and two parts named together for their whole (ADR 0068): r7
    /// 92/96, r8 93/96, r10 90/96, r11 91/97 — the floors below.
    /// Near-oos-dev (session 15: 60 out-of-scope questions near the domain and 40 in-scope twins on the same topics, by
    /// a writer who saw only the policy and the section list): 34/40, 39, 46/60 at its start; 34/40, 39, 57/60 once a
    /// frequency, a weekday, a move date, a duration, an address, a certificate, a legal distinction, the lecturer
    /// invited, a survey's size and other cities' rules are facts a section merely mentioning the thing does not hold
    /// (ADR 0066) — the floor below.
    /// R16-dev and r17-dev: session 15's private unseen19 and unseen20 (same writers' brief), scored untouched at the start
    /// and end of session 15 (80/100, 94, 39/40 and 87 → 86/100, 96, 38/40: one asked back, two answered) and committed
    /// unread at its end, so that they survive as the next session's development sets — the floors below, at what was
    /// measured; their out-of-scope misses are the first thing to read.
    /// Session 16 (ADR 0069): the questions of r4–r15-dev (and of the older realistic sets) are now phrasings of their
    /// sections and negatives, so those sets are answered from their own phrasings — their floors (one under the measured
    /// 97–100/100) only guard that the side files are read; they measure nothing about fresh questions. The development
    /// sets kept out of the phrasings are r16-dev, r17-dev and near-oos-dev: 80 → 81, 86 → 91 and 34 → 35 in scope,
    /// 39, 38 → 39 and 57 out of scope refused; with the writers' batches and the fixes of ADR 0069 85, 93 and 36 in
    /// scope, 40, 39 and 57 refused (the floors).
    /// R18-dev and r19-dev: session 16's private unseen21 and unseen22, scored untouched at its start (77/100, 91, 39/40
    /// and 83/100, 89, 37/40) and end (83/100, 95, 38/40 and 88/100, 93, 40/40 — the floors) and committed unread at its
    /// end as the next session's development sets.
    /// Session 17 (ADR 0072, the story reading): r16 85 → 87, r17 93 → 94, r18 83 → 86, r19 88 → 90, near-oos 36 → 37 in
    /// scope, out of scope unchanged (the floors). R20-dev and r21-dev: session 17's private unseen23 and unseen24, scored
    /// untouched at its start (88/100, 97, 40/40 and 91/100, 96, 40/40) and end (90/100, 97, 40/40 and 92/100, 96, 40/40
    /// — the floors) and committed unread at its end as the next session's development sets.
    /// Then 119 near-domain negatives (neg-p: the manual acknowledged and a question beyond it, other plans and laws,
    /// practical stories; ADR 0072): r17 94 → 93 in scope, out of scope r17 39 → 40, r18 38 → 39, near-oos 57 → 58; r18
    /// 86 → 87 in scope; r16's first three 96 → 95.
    /// Session 18 (ADR 0073, the phrasing classifier's second opinion): in scope r16 87 → 92, r17 93 → 98, r18 87 → 92,
    /// r19 90 → 94, r20 90 → 95, r21 92 → 97 (r20/r21 were session 17's untouched pair); first three 95 → 98, 98 → 100,
    /// 96 → 97, 95 → 98, 97 → 98, 96 → 98; out of scope unchanged, near-oos 58 → 59. English moves with truncation
    /// stems (ADR 0073): r16 92 → 91, r18 92 → 93, r19 94 → 95, r20 95 → 96 (the floors). R22-dev and r23-dev:
    /// session 18's private unseen25 and unseen26, scored untouched at its start (92/100, 95, 39/40 and 92/100, 95,
    /// 39/40) and end (99/100, 99, 40/40 and 96/100, 97, 39/40 — the floors) and committed unread at its end as the next
    /// session's development sets.
    /// Session 19 (ADR 0074: a story vetoed on its question sentences at 0.5 for the whole, English agreement): r16
    /// 91 → 92, r17 98 → 99, near-oos 37 → 38 in scope; r18 out of scope 39 → 40 (the floors). R24-dev and r25-dev:
    /// session 19's private unseen27 and unseen28, scored untouched at its start (95/100, 97, 40/40 and 94/100, 98,
    /// 39/40) and end (96/100, 97, 40/40 and 94/100, 98, 39/40 — the floors) and committed unread at its end as the
    /// next session's development sets.
    /// Session 20 (ADR 0075, details about things the manual names): near-detail-dev, 200 questions a helper wrote about
    /// things the manual names (150 asking a detail it does not give), 112 → 135 of 150 refused, 46/50 in scope; r23 and
    /// r25 out of scope 39 → 40; a story that asks nothing names no fact asked (ADR 0075): r21 97 → 98 in scope; a
    /// Japanese story both readings are sure of answered at "none" < 0.2 (ADR 0075): r16 92 → 93, r24 96 → 97, r25
    /// 94 → 95 in scope (the floors). R26-dev and r27-dev: session 20's private unseen29 and unseen30, scored untouched at
    /// its start and end (98/100, 100, 40/40 and 95/100, 97, 38/40 both times — the floors) and committed unread at its
    /// end as the next session's development sets. Near-detail-check: the second helper's 200 questions with the same brief,
    /// scored unread at session 20's start and end (116 → 125 of 150 refused, 48/50 in scope) and committed unread.
    /// Session 21 (ADR 0076: details of one matter, pointing-back English, words typed in hiragana): in scope r19
    /// 95 → 96, r20 96 → 97, r24 97 → 98, r25 95 → 96, r27 95 → 98, near-oos 38 → 39; first three r18 97 → 98, r20
    /// 98 → 99, r24 98 → 99, r27 97 → 100, near-oos 39 → 40; out of scope r27 38 → 40, near-oos 59 → 60,
    /// near-detail-dev 135 → 138, near-detail-check 125 → 126 (the floors). Lower: r26's first three 100 → 99 (u29-47,
    /// answered with another section before, now refused with its section as the first button — the first-three count
    /// reads the search ranking for a refusal). R28-dev and r29-dev: session 21's private unseen31 and unseen32, scored
    /// untouched at its start and end (96/100, 100, 40/40 and 97/100, 98, 40/40 both times — the floors) and committed
    /// unread at its end as the next session's development sets.
    /// Session 22 (ADR 0077: greetings set aside, a quotation asks nothing, a fact detail read with its matter): r28
    /// 96 → 97 in scope (a count quoted as someone's aim). R30-dev and r31-dev: session 22's private unseen33 and
    /// unseen34, scored untouched at its start (93/100, 97, 40/40 and 98/100, 100, 40/40) and end (93/100, 97, 40/40
    /// and 99/100, 100, 40/40 — the floors) and committed unread at its end as the next session's development sets.
    /// Session 23 (ADR 0079: a story both readings agree on is answered at "none" under 0.25): in scope r16 93 → 94,
    /// r24 98 → 99, r30 93 → 94 (first three 97 → 98). Long-stories-dev: 200 long messages a helper wrote from the
    /// policy and the section list (150 in scope in seven shapes, 50 near the domain), read and designed on in session 23:
    /// 127 → 131 of 150, refused 48/50 (the floors). Long-stories-check: a second helper's 200 with the same brief in
    /// other voices, scored unread at the start and end (131 → 132 of 150, first three 144, refused 50/50 — the floors)
    /// and committed unread. Near-detail-check2: a third near-detail set (session 20's brief, new voices), scored unread
    /// at the start and end (115/150 refused, 48/50 in scope both times — the floors) and committed unread: the
    /// weakest refusal figure in the repository, for the next session. R32-dev and r33-dev: session 23's private
    /// unseen35 and unseen36, scored untouched at its start (95/100, 98, 40/40 and 93/100, 96, 40/40) and end
    /// (95/100, 98, 40/40 and 94/100, 96, 40/40 — the floors) and committed unread at its end.
    /// </summary>
    [Theory]
    [InlineData("realistic-r4-dev.jsonl", 99, 99, 40)]
    [InlineData("realistic-r5-dev.jsonl", 98, 99, 40)]
    [InlineData("realistic-r6-dev.jsonl", 97, 98, 40)]
    [InlineData("realistic-r7-dev.jsonl", 98, 98, 40)]
    [InlineData("realistic-r8-dev.jsonl", 98, 98, 40)]
    [InlineData("realistic-r9-dev.jsonl", 99, 99, 40)]
    [InlineData("realistic-r10-dev.jsonl", 96, 97, 40)]
    [InlineData("realistic-r11-dev.jsonl", 98, 99, 40)]
    [InlineData("realistic-r12-dev.jsonl", 99, 99, 40)]
    [InlineData("realistic-r13-dev.jsonl", 98, 98, 40)]
    [InlineData("realistic-r14-dev.jsonl", 98, 99, 40)]
    [InlineData("realistic-r15-dev.jsonl", 98, 99, 40)]
    [InlineData("near-oos-dev.jsonl", 39, 40, 60)]
    [InlineData("realistic-r16-dev.jsonl", 94, 98, 40)]
    [InlineData("realistic-r17-dev.jsonl", 99, 100, 40)]
    [InlineData("realistic-r18-dev.jsonl", 93, 98, 40)]
    [InlineData("realistic-r19-dev.jsonl", 96, 98, 40)]
    [InlineData("realistic-r20-dev.jsonl", 97, 99, 40)]
    [InlineData("realistic-r21-dev.jsonl", 98, 99, 40)]
    [InlineData("realistic-r22-dev.jsonl", 99, 99, 40)]
    [InlineData("realistic-r23-dev.jsonl", 96, 97, 40)]
    [InlineData("realistic-r24-dev.jsonl", 99, 99, 40)]
    [InlineData("realistic-r25-dev.jsonl", 96, 98, 40)]
    [InlineData("realistic-r26-dev.jsonl", 98, 99, 40)]
    [InlineData("realistic-r27-dev.jsonl", 98, 100, 40)]
    [InlineData("near-detail-dev.jsonl", 46, 47, 138)]
    [InlineData("near-detail-check.jsonl", 48, 50, 126)]
    [InlineData("realistic-r28-dev.jsonl", 97, 100, 40)]
    [InlineData("realistic-r29-dev.jsonl", 97, 98, 40)]
    [InlineData("realistic-r30-dev.jsonl", 94, 98, 40)]
    [InlineData("realistic-r31-dev.jsonl", 99, 100, 40)]
    [InlineData("long-stories-dev.jsonl", 132, 141, 48)]
    [InlineData("long-stories-check.jsonl", 136, 144, 50)]
    [InlineData("near-detail-check2.jsonl", 48, 50, 115)]
    [InlineData("realistic-r32-dev.jsonl", 95, 98, 40)]
    [InlineData("realistic-r33-dev.jsonl", 94, 96, 40)]
    [InlineData("realistic-r34-dev.jsonl", 98, 100, 40)]
    [InlineData("realistic-r35-dev.jsonl", 94, 96, 40)]
    [InlineData("near-detail-check3.jsonl", 49, 49, 120)]
    public void DevSet_KeepsItsMeasuredLevel(string file, int inScope, int top3, int refused)
    {
        var set = Path.Combine(Path.GetDirectoryName(RealisticDevSet)!, file);
        var cases = QuestionSetRunner.Load(set);
        Assert.All(cases.SelectMany(c => c.Sections), id => Assert.NotNull(fixture.Knowledge.Find(id)));

        var report = QuestionSetRunner.Run(cases, fixture.Answerer, fixture.Knowledge);

        Assert.True(report.OutOfScopeRefused >= refused, $"{report.OutOfScopeRefused}/{report.OutOfScope} refused\n{Failures(report)}");
        Assert.True(report.InScopePassed >= inScope, $"{report.InScopePassed}/{report.InScope} in scope\n{Failures(report)}");
        Assert.True(report.Top3 >= top3, $"right section in the first three for {report.Top3}/{report.WithSection}");
    }

    [Fact]
    public void RealisticSets_HaveTheStylesTheIssueAsksFor()
    {
        var dev = QuestionSetRunner.Load(RealisticDevSet);
        var all = dev.Concat(QuestionSetRunner.Load(Path.ChangeExtension(RealisticDevSet, null).Replace("-dev", "-holdout", StringComparison.Ordinal) + ".jsonl")).ToList();

        Assert.True(all.Count >= 80);
        Assert.True(all.Count(c => !LanguageResolver.ContainsJapanese(c.Question)) >= 15);
        Assert.True(all.Count(c => c.OutOfScope) >= 20);
        Assert.True(all.Count(c => QuestionAnalyzer.Sentences(c.Question, false).Count >= 3 || c.Question.Length >= 120) >= 10);
        Assert.All(all.Where(c => !c.OutOfScope), c => Assert.NotEmpty(c.Sections));
        Assert.All(all.SelectMany(c => c.Sections), id => Assert.NotNull(fixture.Knowledge.Find(id)));
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void LongMessage_TheQuestionSentenceDecides_NotTheContext()
    {
        var answer = fixture.Ask("来月から子ども食堂のNPOと事業を始めます。補助金の額や会議室のことで上司ともめています。ところで、事業の評価はどれくらいの間隔でやればいいですか？");

        Assert.True(answer.Answered);
        Assert.Equal("principle-7", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("明日の10時に会議室を予約して")]
    [InlineData("この資料を印刷しといて")]
    [InlineData("Can you book a meeting room for tomorrow?")]
    public void Request_IsRefusedWithWhatTheBotCanDo(string text)
    {
        var answer = fixture.Ask(text);

        Assert.False(answer.Answered);
        Assert.True(answer.IsRequest);
        Assert.Empty(answer.Suggestions);
        Assert.Contains(LanguageResolver.ContainsJapanese(text) ? "提案" : "propose", answer.Text);
    }

    [Theory]
    [InlineData("協働の原則を一覧にして")]
    [InlineData("公開の原則を説明してください")]
    [InlineData("協働の課題も取り組みも箇条書きで全部出して")]
    [InlineData("協働の行動規範をリストアップしてもらえますか")]
    [InlineData("市役所の課題を洗い出してほしい")]
    [InlineData("NPOの会計とかお金まわりの相談ってどこかで支援してもらえる？")]
    [InlineData("協働を推進する取り組みを、大きな柱ごとに一覧で示してもらえますか。")]
    [InlineData("市役所の課題をお示しいただけますか。")]
    public void AskingForAnExplanation_IsAQuestionNotARequest(string text)
    {
        var answer = fixture.Ask(text);

        Assert.True(answer.Answered);
        Assert.False(answer.IsRequest);
    }

    [Theory]
    [InlineData("市役所の課題を全部リストアップしてもらえますか", "challenges-city")] // not read as "can the city do …" (a measure)
    [InlineData("課の勉強会用に、市役所の課題を全部リストアップしてもらえますか", "challenges-city")] // the occasion is the setting
    [InlineData("NPOの課題を説明してもらえますか", "challenges-npo")]
    public void AskingForAListOrAnExplanationPolitely_GetsTheSectionAsked(string text, string section)
    {
        var answer = fixture.Ask(text);

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal(section, answer.Citations[0].Id);
    }

    [Fact]
    public void PurposeOfTheQuestion_IsASentenceOfItsOwn()
    {
        Assert.Equal(["課の勉強会用に、", "市役所の課題を教えて"], QuestionAnalyzer.Sentences("課の勉強会用に、市役所の課題を教えて", false));
        Assert.Single(QuestionAnalyzer.Sentences("施設の利用に、許可は必要ですか", false));
    }

    [Theory]
    [InlineData("ｼﾞｹﾞﾝｾｲの原則ってなに", "principle-7")] // half-width kana, reading plus the suffix 性
    [InlineData("ジシュセイってどういう意味？", "principle-3")]
    [InlineData("ヤクワリブンタンはどう決める？", "principle-4")]
    [InlineData("ｷｮｳﾄﾞｳの原則をひととおり教えて", "principles-intro")]
    public void WordTypedByItsSound_InKatakana_IsReadAsTheManualsWord(string text, string section)
    {
        var answer = fixture.Ask(text);

        Assert.True(answer.Answered);
        Assert.Equal(section, answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("ボランティア団体", "ボランティア団体")] // a katakana word of its own stays
    [InlineData("キョウドウの原則", "協働の原則")]
    [InlineData("ジゲンセイ", "時限性")]
    [InlineData("ジゲンサイ", "時限サイ")] // an unknown tail of two kana is kept as typed
    [InlineData("ジゲンサイクル", "ジゲンサイクル")] // a longer unread tail: not a reading, left alone
    public void ReadKatakana_ReplacesOnlyRunsMadeOfReadings(string key, string expected) =>
        Assert.Equal(expected, fixture.Knowledge.Current.Vocabulary.ReadKatakana(key));

    /// <summary>
    /// A phone left unconverted types the manual's words in hiragana. They are read where a word can stand — not in the
    /// ending after a kanji, not across grammar (で|しょうか is no 上下, 団体|さんか|ら no 参加, し|てき|た no 指摘).
    /// </summary>
    [Theory]
    [InlineData("じげんせいのげんそくってなに", "時限性の原則ってなに")]
    [InlineData("きょうどうていあんじぎょう かくじゅうするってほんと", "協働提案事業 拡充するってほんと")] // readings back to back
    [InlineData("たいとうのげんそくってなんでしょうか", "対等の原則ってなんでしょうか")]
    [InlineData("だんたいさんからそうだんされた", "団体さんから相談された")] // さん after a word, から after さん
    [InlineData("どうしたらいいの", "どうしたらいいの")]
    [InlineData("市としてはどう受け止めて、どうしようとしているのか", "市としてはどう受け止めて、どうしようとしているのか")] // no 同士 before よう
    [InlineData("協働してきた団体", "協働してきた団体")] // the ending of a kanji word is not read
    [InlineData("市内でしない", "市内でしない")]
    [InlineData("大学校とけんしゅうをつくる", "大学校と研修をつくる")] // a case particle after a kanji starts no ending
    public void ReadHiragana_ReadsWordsWhereAWordCanStand(string key, string expected) =>
        Assert.Equal(expected, fixture.Knowledge.Current.Vocabulary.ReadHiragana(key));

    [Fact]
    public void ReadHiragana_AThousandKanaOfReadingsBackToBack_IsReadAsNoWord()
    {
        // Readings back to back are tried four deep at most: a pasted run of 課題 readings is no compound, and no
        // recursion a thousand kana deep.
        var run = string.Concat(Enumerable.Repeat("かだい", 333));

        Assert.Equal(run, fixture.Knowledge.Current.Vocabulary.ReadHiragana(run));
        Assert.Equal("課題課題の", fixture.Knowledge.Current.Vocabulary.ReadHiragana("かだいかだいの"));
    }

    [Theory]
    [InlineData("じげんせいのげんそくってなに", "principle-7")]
    [InlineData("だんたいとのやくわりぶんたんってどうきめればいい？", "principle-4")]
    public void WordTypedByItsSound_InHiragana_IsReadAsTheManualsWord(string text, string section)
    {
        var answer = fixture.Ask(text);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(section, answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("dealing", "deal")]
    [InlineData("deal", "deal")]
    [InlineData("decided", "decid")]
    [InlineData("decide", "decid")]
    [InlineData("differences", "differenc")]
    [InlineData("difference", "differenc")]
    [InlineData("planned", "plan")]
    [InlineData("activities", "activity")]
    [InlineData("process", "process")]
    [InlineData("npo", "npo")]
    public void EnglishStem_IsTheSameForCommonInflections(string word, string stem) =>
        Assert.Equal(stem, TermAnalyzer.EnglishStem(word));

    [Fact]
    public void EnglishQuestion_MatchesAnAlternatePhrasing_WrittenWithAnotherInflection()
    {
        // principle-2's phrasing says "How do we deal with differences …"; the question says "dealing with".
        var answer = fixture.Ask("Any tips for dealing with differences between us and a partner group?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Equal("principle-2", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("時限姓の原則とは", "principle-7")] // 性 → 姓
    [InlineData("相互理会の原則", "principle-2")] // 解 → 会
    public void OneCharacterTypo_InALongerWord_StillFindsTheSection(string text, string section)
    {
        var answer = fixture.Ask(text);

        Assert.True(answer.Answered);
        Assert.Equal(section, answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("協働提案事業の応募の締め切りはいつですか")]
    [InlineData("市民活動サポートセンターの利用料金はいくら？")]
    [InlineData("NPO窓口庁内連絡会議の連絡先の電話番号は？")]
    [InlineData("協働の協定書のひな形はありますか")]
    [InlineData("When is the deadline for collaboration proposals?")]
    public void FactTheManualDoesNotHold_IsRefused_EvenWhenTheTopicIsThere(string text) =>
        Assert.False(fixture.Ask(text).Answered);

    [Theory]
    [InlineData("協働研修、次回いつ？")]
    [InlineData("社会福祉ボランティア大学校の研修に申し込むにはどうすれば？")]
    [InlineData("How do I sign up for the coordinator and facilitator training?")]
    public void WhenOrHowToApply_ForSomethingTheManualOnlyMentions_IsRefused(string text)
    {
        var answer = fixture.Ask(text);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} ({answer.Confidence})");
    }

    [Theory]
    [InlineData("市民活動サポートセンターの職員って何人いるの？")]
    [InlineData("協働提案事業って毎年何件くらい採択されてますか")]
    [InlineData("How many NPOs are registered in the city?")]
    [InlineData("NPO法の活動分野って全部で何分野あるんだっけ")] // any counter after 何, not only 人/件/団体
    public void HowMany_OfSomethingTheManualDoesNotCount_IsRefused(string text)
    {
        var answer = fixture.Ask(text);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} ({answer.Confidence})");
    }

    [Fact]
    public void HowMany_AnsweredByAShareInTheManual_IsStillAnswered()
    {
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Count, "市民の約6割が「協働」という言葉を知らない"));

        var answer = fixture.Ask("協働って言葉を知らない市民はどのくらいの割合？");

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
    }

    [Fact]
    public void HowManyItems_AnsweredByTheListThatCountsThem_IsStillAnswered()
    {
        var answer = fixture.Ask("行動規範は何項目ありますか");

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal("principles-intro", answer.Citations[0].Id);
    }

    [Fact]
    public void WhenQuestion_AnsweredByHowOften_IsStillAnswered()
    {
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Time, "期限を定めて定期的に双方で評価し、見直しをしましょう。"));

        var answer = fixture.Ask("事業の見直しはいつ行う");

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
    }

    [Theory]
    [InlineData("how much funding can an npo get?", true, AnswerKind.Amount)]
    [InlineData("how much should we interfere in a group's work?", true, AnswerKind.Any)]
    [InlineData("協働事業っていつまでやるか決めとくべき？", false, AnswerKind.Any)]
    [InlineData("研修の日程はいつですか", false, AnswerKind.Time)]
    [InlineData("窓口の電話番号は", false, AnswerKind.Contact)]
    [InlineData("NPO窓口の連絡会議、次回いつ？", false, AnswerKind.Status)] // the next meeting: a schedule, not a rule's timing
    [InlineData("NPO窓口の連絡会議、いつやってる？", false, AnswerKind.Time)] // いつ without は/って before it
    [InlineData("次の協働研修いつやるの？日程もう出てる？", false, AnswerKind.Time)] // いつ before the verb
    [InlineData("施策っていつ見直すとか決まってるんだっけ？", false, AnswerKind.Any)] // an embedded いつ…か
    [InlineData("いつも同じ人ばかり来るのはなぜ？", false, AnswerKind.Any)]
    [InlineData("ボランティア大学校の申込みってどこからするの？", false, AnswerKind.Application)]
    [InlineData("how do i apply for the volunteer college?", true, AnswerKind.Application)]
    [InlineData("when we contract work out to an npo, which principles can't be skipped?", true, AnswerKind.Any)]
    [InlineData("what happens when is the next liaison meeting?", true, AnswerKind.Status)]
    [InlineData("サポートセンターに登録してるボランティアって何人くらい？", false, AnswerKind.Count)]
    [InlineData("市内の自治会の加入率は？", false, AnswerKind.Count)]
    [InlineData("協働のルールっていくつある？", false, AnswerKind.Any)] // a list, not a count
    [InlineData("how many volunteers are registered with the city?", true, AnswerKind.Count)]
    [InlineData("how many principles are there?", true, AnswerKind.Any)]
    [InlineData("協働事業の実績、数字を教えてもらえますか", false, AnswerKind.Count)]
    [InlineData("NPO法の活動分野は何分野？", false, AnswerKind.Count)]
    [InlineData("行動規範は何項目ありますか", false, AnswerKind.Any)] // a list, as いくつ
    [InlineData("ボランティア活動の根拠となる条例は何条ですか", false, AnswerKind.Provision)]
    [InlineData("市民活動の支援って法的根拠あるの？", false, AnswerKind.Provision)]
    [InlineData("which article of the npo act covers this?", true, AnswerKind.Provision)]
    [InlineData("市民協働の担当課長って今誰？", false, AnswerKind.Person)]
    [InlineData("研修の講師はどなたですか", false, AnswerKind.Person)]
    [InlineData("協働提案事業の審査員って誰がやってるの？", false, AnswerKind.Person)]
    [InlineData("誰が何をやるか最初に決めとくべき？", false, AnswerKind.Any)] // roles
    [InlineData("誤訳が見つかったときに誰が直して誰が責任を持つのか", false, AnswerKind.Any)]
    [InlineData("who is the director of the support centre?", true, AnswerKind.Person)]
    [InlineData("which vendor built the website?", true, AnswerKind.Person)]
    [InlineData("who should decide which side does what in a joint project?", true, AnswerKind.Any)]
    [InlineData("who is supposed to do the evaluation?", true, AnswerKind.Any)]
    [InlineData("連絡会議って月に何回やってるの？", false, AnswerKind.Frequency)]
    [InlineData("施策の見直しは何年おきですか", false, AnswerKind.Frequency)]
    [InlineData("交流会は何回くらい開かれてる？", false, AnswerKind.Frequency)]
    [InlineData("協働提案事業って何回も出てくるけど、どこの話？", false, AnswerKind.Any)] // many times
    [InlineData("事業の振り返りはどのくらいの頻度でやる？", false, AnswerKind.Any)] // how often one should: 定期的に
    [InlineData("how many times a year does the liaison meeting meet?", true, AnswerKind.Frequency)]
    [InlineData("how often is the liaison meeting held?", true, AnswerKind.Frequency)]
    [InlineData("how often should a joint project be evaluated?", true, AnswerKind.Any)]
    [InlineData("相談会は何曜日にやってますか", false, AnswerKind.Time)]
    [InlineData("センターの移転時期は決まってる？", false, AnswerKind.Time)]
    [InlineData("終わりの時期って最初に決めとくべき？", false, AnswerKind.Any)]
    [InlineData("申請から交付まで何ヶ月かかる？", false, AnswerKind.Time)]
    [InlineData("how long does it take to get approval?", true, AnswerKind.Time)]
    [InlineData("国際交流協会の所在地を教えて", false, AnswerKind.Contact)]
    [InlineData("市民活動の担当って誰に聞けばいい？", false, AnswerKind.Contact)]
    [InlineData("困ったら誰に相談すればいい？", false, AnswerKind.Any)] // where to turn (ADR 0042)
    [InlineData("研修を受けたら修了証はもらえる？", false, AnswerKind.Document)]
    [InlineData("do participants get a certificate?", true, AnswerKind.Document)]
    [InlineData("補助と委託って法的に何が違うの？", false, AnswerKind.Provision)]
    [InlineData("what is the legal difference between a grant and a contract?", true, AnswerKind.Provision)]
    [InlineData("研修の講師って外部の人？", false, AnswerKind.Person)]
    [InlineData("交流会には誰を呼んでるの？", false, AnswerKind.Person)]
    [InlineData("職員アンケートの回収率は？", false, AnswerKind.Sample)]
    [InlineData("市民の意識調査って何人に配ったの？", false, AnswerKind.Sample)]
    [InlineData("what was the response rate of the residents' survey?", true, AnswerKind.Sample)]
    [InlineData("協働って言葉を知らない人どれくらいいた？", false, AnswerKind.Count)] // a share answers it
    [InlineData("他の政令市では同じような原則を定めてる？", false, AnswerKind.OtherCities)]
    [InlineData("do other cities have similar principles?", true, AnswerKind.OtherCities)]
    [InlineData("他市から視察が来ることになりました", false, AnswerKind.Any)] // a visitor, not other cities' rules
    [InlineData("a visiting official from another city asked what we do", true, AnswerKind.Any)]
    [InlineData("協働マニュアルの原本ってどこに保管してある？", false, AnswerKind.Place)]
    [InlineData("研修資料は庁内lanに上がってる？", false, AnswerKind.Place)]
    [InlineData("サポートセンターの交流スペースって何階？", false, AnswerKind.Place)]
    [InlineData("where is the staff manual stored?", true, AnswerKind.Place)]
    [InlineData("研修ってオンラインで受けられる？", false, AnswerKind.Place)]
    [InlineData("オンラインで情報発信したい団体を市はどう支援する？", false, AnswerKind.Any)]
    [InlineData("is the coordinator course held online?", true, AnswerKind.Place)]
    [InlineData("相談した内容の秘密は守られますか", false, AnswerKind.Provision)]
    [InlineData("団体同士をつなぐ調整役の話ってどこに載ってる？", false, AnswerKind.Any)] // where the manual says it
    [InlineData("報告を市のホームページに載せようとしたら止められました", false, AnswerKind.Any)]
    [InlineData("if the city lends a group a venue, can we tell them what to do?", true, AnswerKind.Any)]
    [InlineData("相談会の参加費ってかかる？", false, AnswerKind.Amount)]
    [InlineData("会費で運営している団体とはどう付き合えばいい？", false, AnswerKind.Any)]
    [InlineData("do we need to pay attention to the group's own goals?", true, AnswerKind.Any)]
    [InlineData("協働推進の連絡会議、次いつ？", false, AnswerKind.Status)]
    [InlineData("職員向けのマニュアルってもう完成してる？", false, AnswerKind.Status)]
    [InlineData("去年の交流会はどんな内容だった？", false, AnswerKind.Status)]
    [InlineData("does the city still run the volunteer fair?", true, AnswerKind.Status)]
    [InlineData("もう決まってることを団体に押し付けてもいい？", false, AnswerKind.Any)]
    [InlineData("前回の打ち合わせで揉めたけど、どう立て直せばいい？", false, AnswerKind.Any)]
    [InlineData("is it still collaboration if the city pays for everything?", true, AnswerKind.Any)]
    [InlineData("協働事業の報告に個人情報を載せていいの？", false, AnswerKind.Provision)]
    [InlineData("相談窓口はどこの課が担当してる？", false, AnswerKind.Contact)]
    [InlineData("専門相談って予約いる？", false, AnswerKind.Application)]
    [InlineData("研修を受けたら資格はもらえる？", false, AnswerKind.Document)]
    [InlineData("研修の講師は、どなたが務めますか", false, AnswerKind.Person)]
    [InlineData("交流会の日程はもう決まってますか？", false, AnswerKind.Status)] // 決まっ-て: the small っ before て
    [InlineData("コーディネーター研修ってもう始まった？", false, AnswerKind.Status)]
    [InlineData("which year was the residents' survey carried out?", true, AnswerKind.Time)]
    [InlineData("how long is each lecture of the course?", true, AnswerKind.Time)]
    [InlineData("how long is the list of principles?", true, AnswerKind.Any)] // how long the list is, not a duration
    [InlineData("成果報告はホームページのどのページに載せればいい？", false, AnswerKind.Place)]
    [InlineData("事業の報告書はどこに掲載すればいいですか", false, AnswerKind.Place)]
    public void ExpectedAnswer_IsAFactOnlyWhenTheQuestionAsksForOne(string sentence, bool isEnglish, AnswerKind kind) =>
        Assert.Equal(kind, QuestionAnalyzer.ExpectedAnswer(sentence, isEnglish));

    [Fact]
    public void HowOften_IsNotAnsweredBySayingItRecurs()
    {
        Assert.False(QuestionAnalyzer.Holds(AnswerKind.Frequency, "具体的な取り組みについては、適宜見直し"));
        Assert.False(QuestionAnalyzer.Holds(AnswerKind.Frequency, "期限を定めて定期的に双方で評価し、見直しをしましょう。"));
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Frequency, "連絡会議は年2回開催します。"));
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Frequency, "計画は3年ごとに見直します。"));
        Assert.False(QuestionAnalyzer.Holds(AnswerKind.Sample, "市職員の約3割が協働について、あまり理解していません。"));
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Sample, "市職員2,000人を対象に調査し、回収率は45%でした。"));
        Assert.False(QuestionAnalyzer.Holds(AnswerKind.Place, "職員用協働マニュアルを作成し、職員の協働への理解を促進します。"));
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Place, "マニュアルは庁内lanの共有フォルダに保存しています。"));
        Assert.False(QuestionAnalyzer.Holds(AnswerKind.Status, "すでにある交流や協働がさらに広がるような仕組みをつくります。"));
        Assert.True(QuestionAnalyzer.Holds(AnswerKind.Status, "令和6年4月に開設しました。"));
    }

    /// <summary>
    /// A fact of a kind that the section mentioning the thing does not hold: how often a meeting is held, on which
    /// weekday, the address, the certificate, the legal distinction, the lecturer invited, the survey's size, other
    /// cities' rules (docs/decisions/0066-facts-a-section-merely-mentions.md). Written for this test, not from a set.
    /// </summary>
    [Theory]
    [InlineData("NPO窓口庁内連絡会議は年に何回開催されていますか", AnswerKind.Frequency)]
    [InlineData("具体的な取り組みって何年おきに見直すの？", AnswerKind.Frequency)]
    [InlineData("団体向けの専門相談って何曜日にやってる？", AnswerKind.Time)]
    [InlineData("コーディネーター研修を修了すると証明書は出ますか", AnswerKind.Document)]
    [InlineData("協働と委託って法的にはどう違うんですか", AnswerKind.Provision)]
    [InlineData("What was the response rate of the city staff survey?", AnswerKind.Sample)]
    [InlineData("ほかの政令市にも同じような行動規範はありますか", AnswerKind.OtherCities)]
    [InlineData("職員用協働マニュアルって庁内のどこにある？", AnswerKind.Place)]
    [InlineData("市民活動サポートセンターの相談コーナーって何階にあるの？", AnswerKind.Place)]
    [InlineData("職員用の協働マニュアルってもう配られてる？", AnswerKind.Status)]
    [InlineData("Does the city still run the outreach lectures on collaboration?", AnswerKind.Status)]
    [InlineData("協働の研修会って参加費かかる？", AnswerKind.Amount)]
    public void FactTheSectionMerelyMentions_IsRefusedAsThatFact(string message, AnswerKind kind)
    {
        var answer = fixture.Ask(message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Equal(kind, answer.FactAsked);
    }

    [Theory]
    [InlineData("市民協働の担当課長って今誰？")]
    [InlineData("コーディネーター研修の講師はどなたですか")]
    [InlineData("Who is the head of the civic activity support centre?")]
    public void PersonAskedByRole_TheManualNamesNone_IsRefusedAsAPerson(string message)
    {
        var answer = fixture.Ask(message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Equal(AnswerKind.Person, answer.FactAsked);
    }

    [Fact]
    public void EnglishWord_KnownOnlyToTheDictionaryExtract_IsAHintNotAnAnswer()
    {
        Assert.True(fixture.Knowledge.Current.Vocabulary.DictionaryGlossaryKeys.Contains("link"));

        Assert.False(fixture.Ask("link").Answered);
    }

    [Theory]
    [InlineData("What is the population of the city?")]
    [InlineData("link")]
    public void DictionaryOnlyMatch_StaysAHint_EvenWhenItSinglesOutOneSection(string text)
    {
        // Lifting the discount for a section far ahead of the next (tried in round 2) answered an IT-helpdesk question
        // of the lead's unseen set from 連携体制 ("connect" → 連携) with confidence 1.00, so the discount always applies.
        Assert.False(fixture.Ask(text).Answered);
    }

    // Round 3 (ADR 0028): a long message whose question sentence is vague; a question that names the group but means a member.
    [Theory]
    [InlineData("今度の子ども食堂の事業、打ち合わせで分担の話が出ないまま始まってしまいました。誰がどこまで責任を持つのかも曖昧です。こういう場合、方針ではどう考えればいいでしょうか？", "principle-4")]
    [InlineData("市の補助金を出している協働事業なのに、成果報告も経過も市民には何も見せていません。説明責任は大丈夫なのか心配です。原則ではどうなっていますか？", "principle-6")]
    public void LongMessage_WhoseQuestionSentenceOnlyNamesTheRules_IsAnsweredFromItsSituation(string text, string section) =>
        AssertAnsweredWith(text, section);

    [Fact]
    public void VagueQuestionSentence_CountsTheSituationAsTheQuestion_ASpecificOneKeepsItAsContext()
    {
        var index = fixture.Knowledge.Current;

        var vague = index.Analyze("団体との打ち合わせで、誰がどこまで責任を持つのか決めていません。規範には何と書いてありますか？");
        var specific = index.Analyze("団体との打ち合わせで、誰がどこまで責任を持つのか決めていません。役割分担の原則とは何ですか？");

        Assert.True(vague.VagueQuestion);
        Assert.Contains(vague.Concepts, c => c.Key == "責任" && !c.Context);
        Assert.False(specific.VagueQuestion);
        Assert.Contains(specific.Concepts, c => c.Key == "責任" && c.Context);
    }

    // 「協働の行動規範で、お互いの約束ごととして透明性はどう扱われていますか？」 (principle-6) left this list in session 18:
    // both readings take 「協働の行動規範で」 for the list of rules and move the answer there (ADR 0073, "what it costs").
    [Theory]
    [InlineData("協働のルールや約束ごとの中で、説明責任について教えて", "principle-6")]
    [InlineData("協働の約束ごとで、見直しについてはどう定めていますか？", "principle-7")]
    public void QuestionNamingTheRules_ButMeaningOneOfThem_IsAnsweredWithThatOne(string text, string section) =>
        AssertAnsweredWith(text, section);

    [Theory]
    [InlineData("協働の行動規範を全部教えて")]
    [InlineData("協働の原則をひととおり知りたい")]
    public void QuestionAskingForTheRulesAsAList_IsStillAnsweredWithTheList(string text) =>
        AssertAnsweredWith(text, "principles-intro");

    private void AssertAnsweredWith(string text, string section)
    {
        var answer = fixture.Ask(text);

        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal(section, answer.Citations[0].Id);
    }

    [Fact]
    public void ConceptForm_KeepsEachTermOnce_SoARepeatedRunCostsOneTerm()
    {
        var question = fixture.Knowledge.Current.Analyze(new string('協', 10_000));

        Assert.All(question.Concepts.SelectMany(c => c.Forms), f => Assert.Equal(f.Terms.Count, f.Terms.Distinct().Count()));
        Assert.Equal(1, question.Concepts.Sum(c => c.Forms.Sum(f => f.Terms.Count)));
    }

    [Fact]
    public void Rank_VisitsOnlySectionsHoldingAQuestionTerm_AndLeavesOutNoneThatShareOne()
    {
        var index = fixture.Knowledge.Current;
        foreach (var c in QuestionSetRunner.Load(RealisticDevSet))
        {
            var question = index.Analyze(c.Question);
            var weights = index.Weights(question);
            var ranked = index.Rank(question, weights).Select(r => r.Entry.Section.Id).ToHashSet();
            var sharing = index.Sections
                .Where(e => question.Concepts.Any(concept => concept.MatchIn(e.Full) > 0))
                .Select(e => e.Section.Id);

            Assert.Equal(sharing.Order(), ranked.Order());
        }
    }

    [Fact]
    public void EnglishQuestion_UsesTheDictionaryExtract_ForWordsTheGlossaryLacks()
    {
        var vocabulary = fixture.Knowledge.Current.Vocabulary;
        Assert.False(vocabulary.DictionaryGlossaryKeys.Contains("equality")); // the hand glossary wins
        Assert.True(vocabulary.DictionaryGlossaryKeys.Contains("word"));

        var answer = fixture.Ask("Why don't citizens understand the word collaboration?");

        Assert.True(answer.Answered);
        Assert.Equal("challenge-common-1", answer.Citations[0].Id);
    }

    [Fact]
    public void SynonymExtract_MapsAVariantToTheManualsWord_ButNeverOverridesTheHandList()
    {
        var vocabulary = fixture.Knowledge.Current.Vocabulary;

        Assert.Equal("説明責任", vocabulary.Synonyms["アカウンタビリティ"]); // hand list
        Assert.True(vocabulary.Synonyms.TryGetValue("査定", out var assessed)); // Sudachi group of 評価
        Assert.Equal("評価", assessed);
    }

    [Fact]
    public void AlternatePhrasings_AreParsedIndexed_ButNeverQuoted()
    {
        var sections = KnowledgeParser.Parse("t.md", """
            ---
            id: t
            title: "T"
            ---
            # 見出し {#t-1}
            <!-- related: t-2 -->
            <!-- questions: 最初に何を決める？ | What comes first? -->
            <!-- question: 議題は何 | 何から -->

            本文です。
            ## 次 {#t-2}
            本文2。
            """);

        Assert.Equal(["最初に何を決める？", "What comes first?", "議題は何 | 何から"], sections[0].Questions);
        Assert.Equal(["t-2"], sections[0].Related);
        Assert.Equal("本文です。", sections[0].Body);
    }

    [Fact]
    public async Task PhrasingWriter_AddsToTheSectionsSideFileEntry_ReloadsAtOnce_AndDoesNotRepeatItself()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: true);
        var markdown = File.ReadAllText(Path.Combine(folder.Path, "principles.md"));
        var side = Path.Combine(folder.Path, "principles.md.questions.yaml");
        var before = (await File.ReadAllLinesAsync(side)).ToList();
        var knowledge = new KnowledgeBase(folder.Path);
        var answerer = new KnowledgeAnswerer(knowledge);
        var phrasings = new KnowledgePhrasings(knowledge);
        const string question = "ハンコをもらう前に団体さんと何を話しておけばいい？";
        Assert.False(answerer.Ask(question, Language.Japanese).Answered);

        var first = await phrasings.AddAsync("principle-1", question, CancellationToken.None);
        var second = await phrasings.AddAsync("principle-1", question, CancellationToken.None);

        Assert.Equal(PhrasingOutcome.Added, first);
        Assert.Equal(PhrasingOutcome.AlreadyThere, second);
        Assert.Equal(markdown, File.ReadAllText(Path.Combine(folder.Path, "principles.md")));
        var lines = (await File.ReadAllLinesAsync(side)).ToList();
        var written = lines.IndexOf("  - \"ハンコをもらう前に団体さんと何を話しておけばいい?\"");
        Assert.True(written > 0, "written into the side file");
        Assert.Equal(before, lines.Where((_, i) => i != written)); // every other line (comments too) as it was
        // The last line of principle-1's list: the next non-blank line starts another section's entry.
        Assert.Equal("principle-1:", lines.Take(written).Last(l => !l.StartsWith(' ')));
        Assert.DoesNotMatch(@"^\s+-", lines.Skip(written + 1).First(l => l.Trim().Length > 0));
        Assert.Empty(knowledge.Errors);
        Assert.Contains("ハンコをもらう前に団体さんと何を話しておけばいい?", knowledge.Find("principle-1")!.SideQuestions);
        var answer = answerer.Ask(question, Language.Japanese);
        Assert.True(answer.Answered);
        Assert.Equal("principle-1", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("来月から事業を始めます。上司にも相談しました。評価はいつやればいいですか？", "評価はいつやればいいですか?")]
    [InlineData("最初に何を決める？", "最初に何を決める?")]
    [InlineData("<!-- related: x --> 目的は -- 何？", "目的は 何?")]
    public void PhrasingToStore_IsTheQuestionSentence_OnOneLine_WithoutCommentMarkers(string typed, string stored) =>
        Assert.Equal(stored, KnowledgePhrasings.Clean(typed));

    [Fact]
    public async Task PhrasingWriter_UnknownSection_OrNothingToStore_ChangesNothing()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: true);
        var before = File.ReadAllText(Path.Combine(folder.Path, "principles.md"));
        var side = File.ReadAllText(Path.Combine(folder.Path, "principles.md.questions.yaml"));
        var phrasings = new KnowledgePhrasings(new KnowledgeBase(folder.Path));

        Assert.Equal(PhrasingOutcome.UnknownSection, await phrasings.AddAsync("no-such-section", "質問", CancellationToken.None));
        Assert.Equal(PhrasingOutcome.Invalid, await phrasings.AddAsync("principle-1", "<!-- -->", CancellationToken.None));
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder.Path, "principles.md")));
        Assert.Equal(side, File.ReadAllText(Path.Combine(folder.Path, "principles.md.questions.yaml")));
    }

    private static string Failures(QuestionSetReport report) =>
        string.Join("\n", report.Results.Where(r => !r.Pass).Select(QuestionSetRunner.Describe));
}
