using System.Text;
using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// The greetings and closings staff wrap a question in (「お疲れ様です。市民活動推進課の田中です。」 … 「よろしくお願いします。」,
/// "Hi team, … Thanks in advance!"): they say nothing about what is asked, yet their words (お願い, 急ぎ, 推進) were read
/// as the question's, and a closing after the question became part of it. They are set aside before the question is
/// read (docs/decisions/0077-english-with-japanese-terms-and-fact-details.md). Only whole sentences that are nothing but
/// such a formula, and such a formula opening a sentence (「急ぎではないのですが、」「すみません、」), are removed; a
/// message that is nothing else is left as it is.
/// </summary>
public static partial class Pleasantries
{
    public static string Strip(string text)
    {
        // Only what the question analyser reads (its first MaxQuestionLength characters) is looked at: a 10,000-character
        // paste costs no more than a long question.
        if (text?.Length > QuestionAnalyzer.MaxQuestionLength)
        {
            return Strip(text[..QuestionAnalyzer.MaxQuestionLength]) + text[QuestionAnalyzer.MaxQuestionLength..];
        }

        if (string.IsNullOrEmpty(text) || !Cue().IsMatch(text))
        {
            return text ?? "";
        }

        var kept = new StringBuilder(text.Length);
        var removed = false;
        foreach (Match sentence in Sentence().Matches(text))
        {
            var body = Head().Replace(sentence.Value, "", 1);
            if (Whole().IsMatch(body))
            {
                removed = true;
                continue;
            }

            body = Tail().Replace(body, "", 1);
            removed |= body.Length != sentence.Value.Length;
            kept.Append(body);
        }

        var result = kept.ToString();
        return removed && result.Any(char.IsLetterOrDigit) ? result.Trim() : text;
    }

    // A cheap test first: most questions hold none of the formulas' words.
    [GeneratedRegex(@"お疲|おつかれ|お世話|ありがと|よろしく|宜しく|以上|助かり|失礼|すみません|すいません|恐れ入|申し訳|取り急ぎ|急ぎでは|課|係|室|局|センター|担当|質問|相談|\b(?:hi|hello|hey|dear|good|thanks|thank|regards|appreciate|cheers|sorry|quick)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cue();

    // A sentence with what ends it (。！？!? or a line break; a period only before a space or the end, so "e.g." and
    // "R7.4" stay whole).
    [GeneratedRegex(@"[^。！？!?\n]+?(?:[。！？!?\n]+|\.(?=\s|$)\s*|$)|[。！？!?\n]+")]
    private static partial Regex Sentence();

    // A formula opening a sentence that goes on.
    [GeneratedRegex(@"^\s*(?:(?:すみません|すいません|恐れ入りますが|お忙しいところ(?:すみません|恐れ入ります|申し訳ありません|申し訳ございません)が?|突然(?:すみません|失礼します)が?|急ぎではない(?:の|ん)?(?:です|ですけど)?が|初歩的な質問で(?:すみません|恐縮です)が|(?:ちょっと|少し)?質問(?:なん)?ですが|お疲れ(?:様|さま)です|お世話になっております)\s*[、,]\s*|(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: (?:team|all|everyone|there|folks))?\s*[,!]\s*|quick question\s*[:,\-]\s*|sorry to bother you(?:,? but)?\s*[,.]?\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex Head();

    // A closing typed on at the end of the question itself (「…何が入るんだっけよろしくお願いします」, "… thanks in advance").
    [GeneratedRegex(@"(?<=\S)\s*[、,]?\s*(?:(?:(?:お忙しいところ|お手数ですが|恐れ入りますが|すみませんが)[、,]?\s*)?(?:どうぞ|何卒|なにとぞ)?(?:よろしく|宜しく)お願い(?:します|いたします|致します|申し上げます)|[,.]?\s+(?:many thanks|thanks(?: in advance| a lot| so much)?|thank you(?: very much| so much| in advance)?))(?=[\s。！？!?.~〜]*$)", RegexOptions.IgnoreCase)]
    private static partial Regex Tail();

    // A sentence that is nothing but a greeting, a self-introduction or a closing.
    [GeneratedRegex(@"^[\s、,]*(?:(?:いつも)?(?:大変)?お(?:疲|つか)れ(?:様|さま)(?:です|でございます)?|(?:いつも)?(?:大変)?お世話に(?:なっております|なっています|なります)|(?:いつも)?(?:本当に)?(?:ありがとうございます|ありがとうございました)|(?:(?:お忙しいところ|お手数ですが|お手数をおかけしますが|恐れ入りますが|すみませんが|申し訳ありませんが|申し訳ございませんが)[、,]?\s*)*(?:どうぞ|何卒|なにとぞ)?(?:よろしく|宜しく)(?:お願い(?:します|いたします|致します|申し上げます))?|以上(?:です|となります)?|(?:とても|大変|本当に)?助かります|失礼(?:します|いたします|致します)|(?:すみません|すいません|恐れ入ります|申し訳ありません)|取り急ぎ(?:ご連絡まで)?|(?:ちょっと|少し|一点|1点)?(?:ご?質問|確認|ご?相談)(?:です|があります|させてください)|[^\s。、,]{0,16}(?:課|係|室|局|部|センター|事務所|区役所|支所)の[^\s。、,]{1,10}(?:です|と申します|でございます)|(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: (?:team|all|everyone|there|folks))?|(?:many )?thanks(?: (?:a lot|in advance|so much))?,?(?: [a-z]+)?|thank you(?: (?:very much|so much|in advance))?|(?:best |kind |warm )?regards,?(?: [a-z]+)?|(?:i )?appreciate (?:it|your help)|cheers,?(?: [a-z]+)?|sorry to bother you|[（(]?急ぎ(?:では|じゃ)?(?:ありません|ないです)[)）]?)[\s。！？!?.、,~〜]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Whole();
}
