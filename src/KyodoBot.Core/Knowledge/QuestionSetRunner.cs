using System.Text.Json;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// One line of a question set: <c>{"id", "q", "expect": [...], "all"?: bool, "oos"?: bool, "section"?: [ids]}</c>.
/// <see cref="Sections"/> are the section ids that answer the question (any of them), for the top-1/top-3 figures.
/// </summary>
public sealed record QuestionSetCase(string Id, string Question, IReadOnlyList<string> Expect, bool All, bool OutOfScope)
{
    public IReadOnlyList<string> Sections { get; init; } = [];
}

/// <summary>
/// How one question went. <see cref="AnsweredWith"/> is the cited section (id and title) or "(refused)";
/// <see cref="SectionRank"/> the 1-based place of the first expected section in the ranking (the cited section first,
/// then the retrieval order), null when it is not among the first three or the case names no section.
/// </summary>
public sealed record QuestionSetResult(QuestionSetCase Case, bool Pass, bool Answered, string AnsweredWith, string AnswerText, double Confidence)
{
    public int? SectionRank { get; init; }

    /// <summary>
    /// An expected section is the cited one or among the sections the reply offers as buttons (related sections under an
    /// answer, "did you mean" or near sections under a refusal): what the asker reaches in one click.
    /// </summary>
    public bool Offered { get; init; }

    /// <summary>The id of the cited section ("" for a refusal).</summary>
    public string Cited { get; init; } = "";

    /// <summary>The sections the reply offers as buttons (<see cref="Answer.Suggestions"/>).</summary>
    public IReadOnlyList<string> Buttons { get; init; } = [];

    /// <summary>
    /// The bot asks back which principle the question is closest to (<see cref="AskBack"/>): not counted as
    /// <see cref="Offered"/> — offering every principle is not finding the section.
    /// </summary>
    public bool AskedBack { get; init; }

    /// <summary>Asked back, and an expected section is one of the principles offered (one click away after all).</summary>
    public bool AskedBackRight { get; init; }

    /// <summary>The exception's type and message when answering the question threw (the case fails; the run goes on).</summary>
    public string? Error { get; init; }

    public string Id => Case.Id;
    public string Question => Case.Question;
}

public sealed record QuestionSetReport(IReadOnlyList<QuestionSetResult> Results)
{
    public int Total => Results.Count;
    public int Passed => Results.Count(r => r.Pass);
    public int Failed => Total - Passed;
    public double Accuracy => Total == 0 ? 0 : (double)Passed / Total;
    public int InScope => Results.Count(r => !r.Case.OutOfScope);
    public int InScopePassed => Results.Count(r => !r.Case.OutOfScope && r.Pass);
    public double InScopeAccuracy => InScope == 0 ? 1 : (double)InScopePassed / InScope;
    public int OutOfScope => Results.Count(r => r.Case.OutOfScope);
    public int OutOfScopeRefused => Results.Count(r => r.Case.OutOfScope && !r.Answered && r.Error is null);

    /// <summary>Questions whose answering threw: each is a failed case, and the CLI exits with 1 when there is any.</summary>
    public int Errors => Results.Count(r => r.Error is not null);
    public bool AllOutOfScopeRefused => OutOfScopeRefused == OutOfScope;

    public int WithSection => Results.Count(r => !r.Case.OutOfScope && r.Case.Sections.Count > 0);
    public int Top1 => Results.Count(r => r.SectionRank == 1);
    public int Top3 => Results.Count(r => r.SectionRank is >= 1 and <= 3);

    /// <summary>In-scope questions with sections whose reply cites or offers one of them (<see cref="QuestionSetResult.Offered"/>).</summary>
    public int Offered => Results.Count(r => !r.Case.OutOfScope && r.Offered);

    /// <summary>Refused in-scope questions whose refusal offers an expected section as a button.</summary>
    public int RefusedOffered => Results.Count(r => !r.Case.OutOfScope && !r.Answered && r.Offered);

    public int RefusedInScope => Results.Count(r => !r.Case.OutOfScope && !r.Answered);

    /// <summary>In-scope questions answered with a section that is not one of the expected ones: a confident wrong quote.</summary>
    public int AnsweredWrong => Results.Count(r => !r.Case.OutOfScope && r.Answered && r.Case.Sections.Count > 0 && !r.Case.Sections.Contains(r.Cited, StringComparer.Ordinal));

    /// <summary>Refused out-of-scope questions whose refusal still shows section buttons.</summary>
    public int OutOfScopeWithButtons => Results.Count(r => r.Case.OutOfScope && !r.Answered && r.Buttons.Count > 0);

    /// <summary>Refused in-scope questions asked back (the principles offered as a clarifying question).</summary>
    public int AskedBackInScope => Results.Count(r => !r.Case.OutOfScope && r.AskedBack);

    /// <summary>Out-of-scope questions asked back: noise (the asker is asked about principles that cannot answer).</summary>
    public int AskedBackOutOfScope => Results.Count(r => r.Case.OutOfScope && r.AskedBack);

    /// <summary>The line the CLI prints after the offered line: the clarifying questions, in and out of scope.</summary>
    public string AskedBackSummary =>
        $"asked back {AskedBackInScope + AskedBackOutOfScope}: in scope {AskedBackInScope}/{RefusedInScope} refused (an expected section among the principles {Results.Count(r => r.AskedBackRight)}), out of scope {AskedBackOutOfScope}/{OutOfScopeRefused} refused";

    /// <summary>The line the CLI prints after "first three": what a click reaches, and the buttons under refusals.</summary>
    public string OfferedSummary =>
        $"offered (cited or one click away) {Offered}/{WithSection}; answered with another section {AnsweredWrong}; refused in scope {RefusedInScope}, right section offered {RefusedOffered}; out of scope refused with buttons {OutOfScopeWithButtons}/{OutOfScopeRefused}";

    /// <summary>The closing line the CLI prints.</summary>
    public string Summary => $"{Passed} passed, {Failed} failed" + (Errors > 0 ? $", {Errors} of them by an error" : "");
}

/// <summary>
/// Runs a question set (the format of <c>shared/eval/qa-dev.jsonl</c>) against an answerer.
/// Pass rule: an out-of-scope question passes when it is refused. An in-scope question passes when it is answered
/// and the answer text contains at least one expected phrase (every one when <c>"all": true</c>). Only the answer
/// text counts, not the citation titles or excerpts: a user reads the answer, so the answer must say it. Phrases and
/// text are compared after <see cref="TextNormalizer.Key"/> (NFKC, width, case). The language of each question is
/// what the bot would pick from its text (<see cref="LanguageResolver.Resolve"/> from Japanese).
/// </summary>
public static class QuestionSetRunner
{
    public static IReadOnlyList<QuestionSetCase> Load(string path) => Parse(File.ReadLines(path), Path.GetFileName(path));

    public static IReadOnlyList<QuestionSetCase> Parse(IEnumerable<string> lines, string source = "input")
    {
        var cases = new List<QuestionSetCase>();
        var lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var question = root.TryGetProperty("q", out var q) ? q.GetString() : null;
                if (string.IsNullOrEmpty(question))
                {
                    throw new FormatException($"{source}:{lineNo}: no \"q\"");
                }

                var id = root.TryGetProperty("id", out var idValue) ? idValue.ToString() : $"line{lineNo}";
                var expect = root.TryGetProperty("expect", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToArray()
                    : [];
                var all = root.TryGetProperty("all", out var a) && a.ValueKind == JsonValueKind.True;
                var oos = root.TryGetProperty("oos", out var o) && o.ValueKind == JsonValueKind.True;
                var sections = root.TryGetProperty("section", out var sec)
                    ? sec.ValueKind == JsonValueKind.Array
                        ? sec.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToArray()
                        : sec.ValueKind == JsonValueKind.String ? [sec.GetString()!] : []
                    : [];
                if (!oos && expect.Length == 0 && sections.Length == 0)
                {
                    throw new FormatException($"{source}:{lineNo}: an in-scope question needs \"expect\" phrases or \"section\" ids");
                }

                cases.Add(new QuestionSetCase(id, question, expect, all, oos) { Sections = sections });
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{source}:{lineNo}: not a JSON object: {ex.Message}", ex);
            }
        }

        return cases;
    }

    public static QuestionSetReport Run(string path, IKnowledgeAnswerer answerer, IKnowledgeBase? knowledge = null) => Run(Load(path), answerer, knowledge);

    /// <summary>Runs the cases; with <paramref name="knowledge"/>, also places the expected sections in the ranking.</summary>
    public static QuestionSetReport Run(IEnumerable<QuestionSetCase> cases, IKnowledgeAnswerer answerer, IKnowledgeBase? knowledge = null)
    {
        var results = new List<QuestionSetResult>();
        // The clarifying question needs the index (the words the manual lacks): counted with the loaded knowledge base only.
        var askBack = knowledge is KnowledgeBase loaded ? new AskBack(loaded) : null;
        var principles = askBack is null ? [] : askBack.Principles().Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            try
            {
                results.Add(Result(c, answerer, knowledge, askBack, principles));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A development tool reports the question that broke the answerer and goes on with the rest.
                var error = $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
                results.Add(new QuestionSetResult(c, false, false, $"(error: {error})", "", 0) { Error = error });
            }
        }

        return new QuestionSetReport(results);
    }

    private static QuestionSetResult Result(QuestionSetCase c, IKnowledgeAnswerer answerer, IKnowledgeBase? knowledge, AskBack? askBack, HashSet<string> principles)
    {
        var answer = answerer.Ask(c.Question, LanguageResolver.Resolve(c.Question, Language.Japanese));
        var cited = answer.Answered && answer.Citations.Count > 0 ? answer.Citations[0] : null;
        var askedBack = askBack?.Applies(c.Question, answer) == true;
        return new QuestionSetResult(c, Passes(c, answer), answer.Answered, cited is null ? "(refused)" : $"{cited.Id} {cited.Title}", answer.Text, answer.Confidence)
        {
            SectionRank = knowledge is null || c.OutOfScope || c.Sections.Count == 0 ? null : RankOf(c, answer, knowledge),
            Offered = !c.OutOfScope && IsOffered(c, answer),
            Cited = cited?.Id ?? "",
            Buttons = [.. answer.Suggestions.Select(s => s.Id)],
            AskedBack = askedBack,
            AskedBackRight = askedBack && !c.OutOfScope && c.Sections.Any(principles.Contains),
        };
    }

    private static int? RankOf(QuestionSetCase c, Answer answer, IKnowledgeBase knowledge)
    {
        var ranking = new List<string>();
        if (answer.Answered && answer.Citations.Count > 0)
        {
            ranking.Add(answer.Citations[0].Id);
        }

        ranking.AddRange(knowledge.Search(c.Question, 3).Select(p => p.Section.Id).Where(id => !ranking.Contains(id)));
        var place = ranking.Take(3).ToList().FindIndex(id => c.Sections.Contains(id, StringComparer.Ordinal));
        return place < 0 ? null : place + 1;
    }

    private static bool IsOffered(QuestionSetCase c, Answer answer) =>
        (answer.Answered && answer.Citations.Count > 0 && c.Sections.Contains(answer.Citations[0].Id, StringComparer.Ordinal))
        || answer.Suggestions.Any(s => c.Sections.Contains(s.Id, StringComparer.Ordinal));

    public static bool Passes(QuestionSetCase c, Answer answer)
    {
        if (c.OutOfScope)
        {
            return !answer.Answered;
        }

        if (!answer.Answered)
        {
            return false;
        }

        if (c.Expect.Count == 0)
        {
            // A case that names only sections passes when the answer cites one of them first.
            return answer.Citations.Count > 0 && c.Sections.Contains(answer.Citations[0].Id, StringComparer.Ordinal);
        }

        var text = TextNormalizer.Key(answer.Text);
        bool Contains(string phrase) => text.Contains(TextNormalizer.Key(phrase), StringComparison.Ordinal);
        return c.All ? c.Expect.All(Contains) : c.Expect.Any(Contains);
    }

    /// <summary>One line per question: verdict, id, question, what was answered, confidence.</summary>
    public static string Describe(QuestionSetResult r) =>
        $"{(r.Pass ? "PASS" : "FAIL")} {r.Id} {r.Question} → {r.AnsweredWith} (confidence {r.Confidence:0.00})";
}
