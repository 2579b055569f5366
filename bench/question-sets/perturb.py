#!/usr/bin/env python3
"""Robustness probes: the development sets' questions, changed the way staff change them when they type
(docs/decisions/0077-english-with-japanese-terms-and-fact-details.md).

    python3 bench/question-sets/perturb.py OUT_DIR tests/KyodoBot.Tests/Knowledge/realistic-r{16..29}-dev.jsonl

writes one question set per family to OUT_DIR (same sections, ids with a suffix); run each with the `eval` verb and
compare with the unchanged sets. Families (each seeded, so the files are the same on every run):
  greetings-a   a greeting or self-introduction before and a closing after (お疲れ様です。… / よろしくお願いします。,
                "Hi team, … Thanks in advance!") — the formulas Pleasantries was written against;
  greetings-b   other formulas, not used to write it (おはようございます。, ご確認よろしくお願いいたします。, "Dear …");
  hiragana      one of the manual's kanji words typed in hiragana (a phone left unconverted; EDICT readings);
  lowercase     English without capitals or punctuation;
  context       an unrelated sentence first (今日は朝から窓口が混んでいて…, "Our manager is away this week.");
  slang         a casual opener and an ending such as w, 笑, 🙏 on Japanese questions;
  spaces        Japanese with every 。、？！ typed as a space (what Punctuation.Restore was written against, ADR 0078);
  wide-spaces   Japanese with the sentence ends typed as full-width spaces, 、 kept (not used to write it);
  no-punctuation  Japanese with no punctuation and no spaces (the polite-ending rule of ADR 0078 was written with it);
  no-sentence-ends  the same with 、 kept (not used to write it).
Out-of-scope questions are changed too (except far ones): a change must not make the bot answer them.
"""
import json, os, random, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
JAPANESE = re.compile(r'[\u3040-\u30ff\u4e00-\u9fff]')

GREETINGS = {
    'greetings-a': (['お疲れ様です。市民活動推進課の田中です。', 'お世話になっております。福祉課の佐藤です。', 'すみません、ちょっと教えてください。',
                     '急ぎではないのですが、', 'いつもありがとうございます。'],
                    ['よろしくお願いします。', 'お忙しいところすみませんが、よろしくお願いいたします。', '助かります！', '以上です。', '（急ぎではありません）'],
                    ['Hi team, ', 'Hello! ', 'Good morning. ', 'Quick question: ', 'Sorry to bother you. '],
                    [' Thanks in advance!', ' Thank you.', ' Many thanks, Tom', ' Best regards.', ' Appreciate it!']),
    'greetings-b': (['おはようございます。\n', 'お疲れさまです、子育て支援課の山本です。\n', '突然のご連絡失礼します。\n', 'ご相談です。\n',
                     'いつも大変お世話になっております。環境政策課の木村と申します。\n'],
                    ['\nご確認よろしくお願いいたします。', '\nありがとうございます🙏', '\n急ぎません。', '\nお手すきの際にご回答ください。', '\nどうぞよろしくお願い申し上げます。'],
                    ['Hey all,\n', 'Dear KyodoBot,\n', 'Good afternoon!\n', 'Hi there, ', 'Hello team.\n'],
                    ['\nCheers, Anna', '\nThanks!!', '\nThank you very much.', '\nKind regards,\nKen', '\nI appreciate your help.']),
}
CONTEXT_JA = ['今日は朝から窓口が混んでいてバタバタでした。', '来週から新年度の準備が始まります。', '異動してきたばかりでまだ慣れていません。',
              'さっき課内で少し話題になったので聞いてみます。', '昨日は大雨で現場の確認が延期になりました。']
CONTEXT_EN = ['It has been a busy morning at the counter. ', 'I just moved to this section last month. ', 'This came up in our team meeting earlier. ',
              'We are preparing for the new fiscal year. ', 'Our manager is away this week. ']
SLANG_HEAD = ['まじで', 'ぶっちゃけ', 'ねえねえ、', 'てか', 'あのー、']
SLANG_TAIL = ['w', '笑', '(^^;', '🙏', '！！', 'ｗｗｗ', '…まじで', '😅']


def readings():
    found = {}
    with open(os.path.join(ROOT, 'knowledge', '_edict-readings.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            kana, word = line.rstrip('\n').split('\t')
            if re.search(r'[\u4e00-\u9fff]', word):
                found.setdefault(word, ''.join(chr(ord(c) - 0x60) if '\u30a1' <= c <= '\u30f6' else c for c in kana))
    return sorted(found.items(), key=lambda x: -len(x[0]))


def families(rng):
    words = readings()

    def greet(name):
        pre_ja, post_ja, pre_en, post_en = GREETINGS[name]
        return lambda q: (rng.choice(pre_ja) + q + rng.choice(post_ja)) if JAPANESE.search(q) else (rng.choice(pre_en) + q + rng.choice(post_en))

    def hiragana(q):
        for word, kana in words:
            if word in q:
                return q.replace(word, kana, 1)
        return None

    return {
        'greetings-a': greet('greetings-a'),
        'greetings-b': greet('greetings-b'),
        'hiragana': lambda q: hiragana(q) if JAPANESE.search(q) else None,
        'lowercase': lambda q: None if JAPANESE.search(q) else re.sub(r'[?.!,]', '', q).lower(),
        'context': lambda q: (rng.choice(CONTEXT_JA) if JAPANESE.search(q) else rng.choice(CONTEXT_EN)) + q,
        'slang': lambda q: rng.choice(SLANG_HEAD) + q.rstrip('。') + rng.choice(SLANG_TAIL) if JAPANESE.search(q) else None,
        'spaces': lambda q: re.sub(r'\s*[。、？！?!，．]+\s*', ' ', q).strip() if JAPANESE.search(q) else None,
        'wide-spaces': lambda q: wide(q) if JAPANESE.search(q) else None,
        'no-punctuation': lambda q: re.sub(r'[。、？！?!，．]', '', q) if JAPANESE.search(q) else None,
        'no-sentence-ends': lambda q: re.sub(r'[。？！?!．]', '', q) if JAPANESE.search(q) else None,
    }


def wide(q):
    changed = re.sub(r'\s*[。？！?!．]+\s*', '\u3000', q).strip('\u3000 ')
    return None if re.search(r'[。？！?!．]', changed) else changed


def main():
    out, sets = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    rows = [json.loads(line) for path in sets for line in open(path, encoding='utf-8') if line.strip()]
    rows = [r for r in rows if not (r.get('oos') and not r.get('near'))]
    for name, change in families(random.Random(22)).items():
        count = 0
        with open(os.path.join(out, f'perturbed-{name}.jsonl'), 'w', encoding='utf-8') as f:
            for row in rows:
                changed = change(row['q'])
                if changed and changed != row['q']:
                    f.write(json.dumps(dict(row, id=row['id'] + '~' + name[0], q=changed), ensure_ascii=False) + '\n')
                    count += 1
        print(f'{name}: {count} questions')


if __name__ == '__main__':
    main()
