namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// What <c>knowledge check</c> reports for some knowledge files (Word, PDF, Markdown), before or after they are put
/// in the knowledge folder: the sections each produced (id, level, page, title, length), the problems an editor should
/// fix (unreadable file, image-only pages, no headings, empty sections), and the questions of the question sets whose
/// answer changes because of the files — the folder without them against the folder with them.
/// </summary>
public static class KnowledgeCheck
{
    /// <summary>
    /// Checks <paramref name="files"/> (paths; those already in <paramref name="knowledgeFolder"/> are taken out for the
    /// "before") against the question sets. Returns 0, or 1 when a file could not be read or produced no section.
    /// </summary>
    public static int Run(string knowledgeFolder, IReadOnlyList<string> files, IReadOnlyList<string> questionSets, TextWriter output)
    {
        var failed = false;
        foreach (var file in files)
        {
            failed |= !Describe(file, output);
        }

        if (questionSets.Count == 0)
        {
            return failed ? 1 : 0;
        }

        var names = files.Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
        var without = Stage(knowledgeFolder, names, []);
        var with = Stage(knowledgeFolder, names, files);
        try
        {
            var before = new KnowledgeBase(without);
            var after = new KnowledgeBase(with);
            output.WriteLine();
            output.WriteLine($"knowledge without the file(s): {before.Current.Sections.Count} sections; with them: {after.Current.Sections.Count}");
            foreach (var set in questionSets)
            {
                var cases = QuestionSetRunner.Load(set);
                var old = QuestionSetRunner.Run(cases, new KnowledgeAnswerer(before));
                var now = QuestionSetRunner.Run(cases, new KnowledgeAnswerer(after));
                var changed = old.Results.Zip(now.Results).Where(p => p.First.AnsweredWith != p.Second.AnsweredWith || p.First.Pass != p.Second.Pass).ToList();
                output.WriteLine($"{Path.GetFileName(set)}: {changed.Count} of {cases.Count} questions answered differently; passed {old.Passed} → {now.Passed}");
                foreach (var (a, b) in changed)
                {
                    output.WriteLine($"  {Verdict(a)}→{Verdict(b)} {a.Id} {a.Question}");
                    output.WriteLine($"      before: {a.AnsweredWith}");
                    output.WriteLine($"      after:  {b.AnsweredWith}");
                }
            }
        }
        finally
        {
            Directory.Delete(without, recursive: true);
            Directory.Delete(with, recursive: true);
        }

        return failed ? 1 : 0;
    }

    private static string Verdict(QuestionSetResult r) => r.Pass ? "PASS" : "FAIL";

    /// <summary>Prints one file's sections and problems; false when it could not be read or gave no section.</summary>
    private static bool Describe(string file, TextWriter output)
    {
        var name = Path.GetFileName(file);
        IReadOnlyList<KnowledgeSection> sections;
        IReadOnlyList<DocumentProblem> problems;
        string how;
        try
        {
            if (KnowledgeDocuments.IsDocument(file))
            {
                var result = KnowledgeDocuments.Load(file);
                (sections, problems) = (result.Sections, result.Problems);
                how = $"headings from {result.HeadingSource}" + (result.PageCount > 0 ? $", {result.PageCount} pages" : "");
            }
            else
            {
                var sideProblems = new List<DocumentProblem>();
                sections = DocumentPhrasings.Apply(file, KnowledgeParser.Parse(name, File.ReadAllText(file)), sideProblems, asSide: true);
                (problems, how) = (sideProblems, "Markdown headings");
            }
        }
        catch (Exception ex) when (ex is DocumentReadException or KnowledgeFormatException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{name}: cannot be used: {ex.Message}");
            return false;
        }

        output.WriteLine($"{name}: {sections.Count} sections ({how})");
        foreach (var section in sections)
        {
            var page = section.Page is { } p ? $"p.{p,-4}" : "      ";
            output.WriteLine($"  {section.Id,-28} {page} {new string(' ', 2 * (section.Level - 1))}{section.Title} ({section.Body.Length} characters"
                + (section.Questions.Count + section.SideQuestions.Count > 0 ? $", {section.Questions.Count + section.SideQuestions.Count} phrasings)" : ")"));
        }

        foreach (var problem in problems)
        {
            output.WriteLine($"  problem: {problem}");
        }

        return sections.Count > 0;
    }

    /// <summary>A temporary copy of the knowledge folder without the checked files, plus <paramref name="add"/>.</summary>
    private static string Stage(string folder, HashSet<string> leaveOut, IReadOnlyList<string> add)
    {
        var staged = Path.Combine(Path.GetTempPath(), "kyodobot-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staged);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => !leaveOut.Contains(Path.GetFileName(f))
                && !leaveOut.Any(l => Path.GetFileName(f) == l + DocumentPhrasings.Suffix)))
            {
                File.Copy(file, Path.Combine(staged, Path.GetFileName(file)));
            }
        }

        foreach (var file in add)
        {
            File.Copy(file, Path.Combine(staged, Path.GetFileName(file)), overwrite: true);
            if (File.Exists(DocumentPhrasings.PathFor(file)))
            {
                File.Copy(DocumentPhrasings.PathFor(file), Path.Combine(staged, Path.GetFileName(file) + DocumentPhrasings.Suffix), overwrite: true);
            }
        }

        return staged;
    }
}
