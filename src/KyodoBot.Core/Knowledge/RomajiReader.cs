using System.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Reads a word of the manual typed in romaji inside an English question ("tatewari", "kyodo", "mokuteki kyoyu",
/// "NPO hojin") through the katakana readings the knowledge folder ships (<see cref="KnowledgeVocabulary.ReadingsDictionaryFile"/>).
/// Staff who write English often keep the Japanese term, spelt as they hear it: Hepburn or kunrei (shi/si, tsu/tu,
/// ja/zya), long vowels written out, with a macron or not at all (kyōdō, kyoudou, kyodo). Both sides are reduced to
/// one skeleton — kunrei consonants, long vowels and double consonants collapsed — and a word is read only when all of
/// it is one reading or a run of readings of the manual's words (docs/decisions/0039-romaji-manual-words.md).
/// English words rarely collide: most hold a letter romaji lacks (l, q, v, x, c without h, th), and the rest must spell
/// a reading of one of the manual's few hundred words.
/// </summary>
public sealed class RomajiReader
{
    /// <summary>A typed word shorter than this is too often English ("taken" is five letters, but spells no reading).</summary>
    public const int MinLetters = 5;

    /// <summary>A skeleton piece shorter than this is too often part of another word when a word is split into readings.</summary>
    private const int MinPieceLength = 4;

    public static RomajiReader Empty { get; } = new(new Dictionary<string, string>());

    private readonly Dictionary<string, string> _words;
    private readonly int _longest;

    private RomajiReader(Dictionary<string, string> words)
    {
        _words = words;
        _longest = words.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
    }

    /// <summary>Skeleton of each katakana reading → its word; a skeleton that two different words share is left out.</summary>
    public static RomajiReader From(IReadOnlyDictionary<string, string> readings)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (reading, word) in readings)
        {
            var skeleton = Skeleton(FromKatakana(reading));
            if (skeleton.Length < MinPieceLength)
            {
                continue;
            }

            if (words.TryGetValue(skeleton, out var other) && other != word)
            {
                ambiguous.Add(skeleton);
            }

            words.TryAdd(skeleton, word);
        }

        foreach (var skeleton in ambiguous)
        {
            words.Remove(skeleton);
        }

        return new RomajiReader(words);
    }

    public int Count => _words.Count;

    /// <summary>The manual's word(s) a romaji word spells ("tatewari" → 縦割り, "kyodojigyo" → 協働事業), or null.</summary>
    public string? Read(string word)
    {
        if (_words.Count == 0 || word.Length < MinLetters || Kunrei(word) is var kunrei && !IsRomajiSpelling(kunrei))
        {
            return null;
        }

        var skeleton = Collapse(kunrei);
        return skeleton.Length >= MinPieceLength ? ReadRun(skeleton) : null;
    }

    private string? ReadRun(string skeleton)
    {
        if (skeleton.Length == 0)
        {
            return "";
        }

        for (var length = Math.Min(_longest, skeleton.Length); length >= MinPieceLength; length--)
        {
            if (_words.TryGetValue(skeleton[..length], out var word) && ReadRun(skeleton[length..]) is { } rest)
            {
                return word + rest;
            }
        }

        return null;
    }

    /// <summary>True when the word is made only of romaji syllables (after <see cref="Kunrei"/>): no l, q, v, x or lone c.</summary>
    internal static bool IsRomaji(string word) => IsRomajiSpelling(Kunrei(word));

    private static bool IsRomajiSpelling(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == 'n' && (i + 1 == s.Length || !IsVowel(s[i + 1]) && s[i + 1] != 'y'))
            {
                i++; // ン
                continue;
            }

            if (i + 1 < s.Length && s[i] == s[i + 1] && "kgsztdhbpmrfc".Contains(s[i]))
            {
                i++; // ッ: the doubled consonant
                continue;
            }

            if ("kgsztdnhbpmrwf".Contains(s[i]))
            {
                i++;
            }

            if (i < s.Length && s[i] == 'y')
            {
                i++;
            }

            if (i >= s.Length || !IsVowel(s[i]))
            {
                return false;
            }

            i++;
        }

        return s.Length > 0;
    }

    /// <summary>
    /// One spelling for every way of writing the same sound: kunrei consonants (<see cref="Kunrei"/>), then long vowels
    /// (ou, oo, uu, aa, ii, ee, ei) and double consonants written once.
    /// </summary>
    internal static string Skeleton(string romaji) => Collapse(Kunrei(romaji));

    private static string Collapse(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (b.Length > 0)
            {
                var previous = b[^1];
                var longVowel = IsVowel(c) && (c == previous || previous == 'o' && c == 'u' || previous == 'e' && c == 'i');
                var doubled = !IsVowel(c) && c == previous && c != 'n';
                if (longVowel || doubled)
                {
                    continue;
                }
            }

            b.Append(c);
        }

        return b.ToString();
    }

    /// <summary>Lower case, macrons and apostrophes removed, Hepburn spellings in kunrei form (shi → si, tsu → tu, ja → zya, m before b/p → n).</summary>
    internal static string Kunrei(string romaji)
    {
        var b = new StringBuilder(romaji.Length);
        foreach (var c in romaji.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                b.Append(char.ToLowerInvariant(c));
            }
        }

        var s = b.ToString();
        foreach (var (from, to) in Spellings)
        {
            s = s.Replace(from, to, StringComparison.Ordinal);
        }

        return s;
    }

    // Order matters: the three-letter spellings before the two-letter ones they contain.
    private static readonly (string From, string To)[] Spellings =
    [
        ("tch", "tty"), ("dzu", "zu"), ("tsu", "tu"), ("shi", "si"), ("chi", "ti"), ("sh", "sy"), ("ch", "ty"), ("jy", "zy"),
        ("ji", "zi"), ("j", "zy"), ("fu", "hu"), ("di", "zi"), ("du", "zu"), ("wo", "o"), ("mb", "nb"), ("mp", "np"), ("mm", "nm"),
    ];

    private static bool IsVowel(char c) => c is 'a' or 'i' or 'u' or 'e' or 'o';

    /// <summary>A katakana reading in kunrei romaji (キョウドウ → kyoudou; ッ and ー are dropped, <see cref="Skeleton"/> collapses them anyway).</summary>
    internal static string FromKatakana(string reading)
    {
        var b = new StringBuilder(reading.Length * 2);
        for (var i = 0; i < reading.Length; i++)
        {
            var c = reading[i];
            if (c is 'ャ' or 'ュ' or 'ョ')
            {
                if (b.Length > 0 && b[^1] == 'i')
                {
                    b.Length--; // キ + ャ → ky + a
                }

                b.Append('y').Append(c switch { 'ャ' => 'a', 'ュ' => 'u', _ => 'o' });
                continue;
            }

            if (c is 'ァ' or 'ィ' or 'ゥ' or 'ェ' or 'ォ')
            {
                if (b.Length > 0 && IsVowel(b[^1]))
                {
                    b.Length--; // フ + ァ → f + a
                }

                b.Append(c switch { 'ァ' => 'a', 'ィ' => 'i', 'ゥ' => 'u', 'ェ' => 'e', _ => 'o' });
                continue;
            }

            if (c is 'ッ' or 'ー')
            {
                continue;
            }

            b.Append(Kana.TryGetValue(c, out var romaji) ? romaji : "?");
        }

        return b.ToString();
    }

    private static readonly Dictionary<char, string> Kana = BuildKana();

    private static Dictionary<char, string> BuildKana()
    {
        const string rows = "アa イi ウu エe オo カka キki クku ケke コko ガga ギgi グgu ゲge ゴgo サsa シsi スsu セse ソso ザza ジzi ズzu ゼze ゾzo "
            + "タta チti ツtu テte トto ダda ヂzi ヅzu デde ドdo ナna ニni ヌnu ネne ノno ハha ヒhi フhu ヘhe ホho バba ビbi ブbu ベbe ボbo "
            + "パpa ピpi プpu ペpe ポpo マma ミmi ムmu メme モmo ヤya ユyu ヨyo ラra リri ルru レre ロro ワwa ヲo ンn ヴbu";
        return rows.Split(' ').ToDictionary(p => p[0], p => p[1..]);
    }
}
