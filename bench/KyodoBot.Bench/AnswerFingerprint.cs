using System.Globalization;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>
/// Every answer the answerer gives to the question sets and to the leave-one-out over the phrasings, one line each
/// (answered, cited section, confidence), so that a speed change can be checked answer by answer:
/// <c>… -- answers --sets a.jsonl,b.jsonl &gt; before.tsv</c>, the same after, then <c>diff</c>.
/// </summary>
internal static class AnswerFingerprint
{
    public static int Run(string[] args)
    {
        var knowledge = new KnowledgeBase(Args.Text(args, "--folder") ?? ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge);
        knowledge.Reload();
        var index = knowledge.Current;
        var answerer = new KnowledgeAnswerer(knowledge);
        var sets = (Args.Text(args, "--sets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var set in sets)
        {
            foreach (var c in QuestionSetRunner.Load(set))
            {
                Print($"{Path.GetFileNameWithoutExtension(set)}:{c.Id}", c.Question, answerer.AnswerFrom(index, c.Question, LanguageResolver.Resolve(c.Question, Language.Japanese)));
            }
        }

        var result = PhrasingCrossValidation.Run(index, answerer, (entry, answer) =>
            Print(entry.Section < 0 ? "loo:negative" : "loo:" + index.Sections[entry.Section].Section.Id, entry.Text, answer));
        Console.WriteLine("# " + result);
        return 0;
    }

    private static void Print(string what, string question, Answer answer) =>
        Console.WriteLine(string.Join('\t',
            what,
            question.ReplaceLineEndings(" ").Replace('\t', ' '),
            answer.Answered ? answer.Citations[0].Id : "(refused)",
            answer.Confidence.ToString("F3", CultureInfo.InvariantCulture))
            // Answered in part: the kinds of fact the reply says the manual lacks (a column only then, so that the
            // other lines diff against an older version).
            + (answer.Missing.Count > 0 ? "\tmissing:" + string.Join(",", answer.Missing.Select(m => m.Kind)) : ""));
}
