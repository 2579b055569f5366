using System.Globalization;
using System.Text.RegularExpressions;

namespace KyodoBot.Core.Grounding;

/// <summary>
/// The output protocol. The model replies either exactly <c>NO_ANSWER</c> (a refusal: the passages do not answer
/// the question), or an answer that cites at least one passage as <c>[n]</c>. Markers are read leniently
/// (<c>[1]</c>, <c>［1］</c>, <c>【１】</c>, <c>[1][2]</c>, <c>[1, 2]</c>, <c>［1、2］</c>) and rewritten as <c>[1][2]</c>.
/// Anything else is unusable and the caller answers extractively: an empty reply, an answer that cites nothing, cites
/// a passage that was not given, or mixes <c>NO_ANSWER</c> into an answer.
/// </summary>
internal static partial class GroundedOutputParser
{
    public const string NoAnswerToken = "NO_ANSWER";

    // Wrappers a model sometimes puts around a bare token; they do not change its meaning.
    private static readonly char[] TokenWrapping = [' ', '\t', '\r', '\n', '`', '"', '\'', '.', '。', '「', '」'];

    public static GroundedAnswer? Parse(string? output, IReadOnlyList<GroundingPassage> passages, out string problem)
    {
        var text = output?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "the reply is empty";
            return null;
        }

        if (text.Trim(TokenWrapping).Equals(NoAnswerToken, StringComparison.OrdinalIgnoreCase))
        {
            problem = "";
            return GroundedAnswer.NoAnswer;
        }

        if (text.Contains(NoAnswerToken, StringComparison.OrdinalIgnoreCase))
        {
            problem = "the reply mixes NO_ANSWER into an answer";
            return null;
        }

        var cited = new List<int>();
        var normalized = RewriteMarkers(text, passages.Count, cited, out var invalid);

        if (invalid is not null)
        {
            problem = $"the reply cites [{invalid}] but {passages.Count} passage(s) were given";
            return null;
        }

        if (cited.Count == 0)
        {
            problem = "the reply cites no passage";
            return null;
        }

        if (Marker().Replace(text, "").Trim().Length == 0)
        {
            problem = "the reply holds only citation markers";
            return null;
        }

        problem = "";
        return new GroundedAnswer(true, normalized, cited.Select(n => passages[n - 1]).ToList());
    }

    /// <summary>Rewrites every marker as <c>[1][2]</c>, collecting the cited numbers in order; <paramref name="invalid"/> is the first number outside 1..count.</summary>
    private static string RewriteMarkers(string text, int passageCount, List<int> cited, out string? invalid)
    {
        string? firstInvalid = null;
        var rewritten = Marker().Replace(text, match =>
        {
            var markers = "";
            foreach (var part in match.Groups["numbers"].Value.Split([',', '，', '、'], StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(ToAsciiDigits(part), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    || number < 1 || number > passageCount)
                {
                    firstInvalid ??= part;
                    continue;
                }

                if (!cited.Contains(number))
                {
                    cited.Add(number);
                }

                markers += $"[{number}]";
            }

            return markers;
        }).Trim();
        invalid = firstInvalid;
        return rewritten;
    }

    private static string ToAsciiDigits(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c;
            }
        });

    [GeneratedRegex(@"[\[［【]\s*(?<numbers>[0-9０-９]+(?:\s*[,，、]\s*[0-9０-９]+)*)\s*[\]］】]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
