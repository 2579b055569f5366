using KyodoBot.Core.Text;

namespace KyodoBot.Core.Evaluations;

public static partial class ProjectReference
{
    /// <summary>
    /// "kp-2027-0001", "ＫＰ－２０２７－０００１" → "KP-2027-0001"; null when the text does not start with a project
    /// number (letters, a year, a sequence).
    /// </summary>
    public static string? Normalize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text).Replace('ー', '-').Replace('−', '-').Replace('‐', '-').ToUpperInvariant();
        var first = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return Shape().IsMatch(first) ? first : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z]{1,6}-[0-9]{4}-[0-9]{1,6}$")]
    private static partial System.Text.RegularExpressions.Regex Shape();
}
