#!/usr/bin/env python3
"""Converts two public dictionaries into the compact vocabulary files that ship in knowledge/.

Run by a maintainer when the knowledge text changes much (not at build or start-up; see
docs/decisions/0017-dictionaries-as-compact-extracts.md):

    apt-get download edict && dpkg-deb -x edict_*.deb /tmp/edict          # Debian's edict (EDRDG, CC BY-SA 4.0)
    npm pack sudachi-synonyms-dictionary && tar xzf sudachi-synonyms-dictionary-*.tgz -C /tmp/sudachi   # Apache-2.0
    python3 tools/extract-dictionaries.py /tmp/edict/usr/share/edict/edict /tmp/sudachi/package/sudachi-synonyms-dictionary.json

(`--readings-only` in place of the Sudachi path rewrites only the EDICT readings and predicates.)

Only entries whose Japanese word occurs in the knowledge text are kept: an English word is useful only if it leads
to a word of the manual, a synonym group only if one of its members is in the manual.
"""
import glob, json, os, re, sys, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
KNOWLEDGE = os.path.join(ROOT, 'knowledge')
CJK = re.compile(r'^[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]+$')
HAS_KANJI_OR_KATAKANA = re.compile(r'[\u4e00-\u9fff\u30a1-\u30fa]')
STOP = set('''a an the of in on at to for from by with and or but if as is are be been was were do does did have has had
it its this that these those there here who what which how why when where not no yes one ones thing things way ways
some any all each every other such own same very just also too only make made get got take took give go come use used
person people someone something state condition being act action time times case cases part parts kind sort type
point matter fact place thing item items group city'''.split())


def key(text):
    return unicodedata.normalize('NFKC', text).lower()


def knowledge_text():
    parts = []
    for path in sorted(glob.glob(os.path.join(KNOWLEDGE, '*.md'))):
        with open(path, encoding='utf-8') as f:
            parts.append(key(f.read()))
    return '\n'.join(parts)


def english(edict_path, text):
    raw = open(edict_path, 'rb').read().decode('euc_jp', errors='replace')
    mapping = {}
    for line in raw.splitlines()[1:]:
        head, _, rest = line.partition(' /')
        words = [w.split('(')[0] for w in head.split(' ')[0].split(';')]
        words = [key(w) for w in words if CJK.match(w) and len(w) >= 2 and as_word(key(w), text)]
        if not words:
            continue
        common = '(P)' in rest
        for gloss in rest.split('/'):
            gloss = re.sub(r'\([^)]*\)', ' ', gloss).strip().lower()
            gloss = re.sub(r'^to ', '', gloss).strip()
            if not gloss or not re.fullmatch(r"[a-z][a-z' -]*", gloss) or len(gloss.split()) > 3 or gloss in STOP:
                continue
            for w in words:
                mapping.setdefault(gloss, {}).setdefault(w, common)
    lines = []
    for gloss in sorted(mapping):
        # Common words (EDICT's (P)) first, then longer Japanese words; at most four per English word.
        ranked = sorted(mapping[gloss].items(), key=lambda kv: (not kv[1], -len(kv[0]), kv[0]))[:4]
        lines.append(gloss + '\t' + ','.join(w for w, _ in ranked))
    return lines


KANJI_WORD = re.compile(r'^[\u4e00-\u9fff\u3005]+$')
# A word written with kanji and okurigana (縦割り, 取り組み, 話し合い): it starts with a kanji and holds two or more.
OKURIGANA_WORD = re.compile(r'^[\u4e00-\u9fff\u3005](?:[\u4e00-\u9fff\u3005]|(?![をがのにはでと])[\u3041-\u3096](?=[\u4e00-\u9fff\u3005])|[\u3041-\u3096]+$)+$')
SUFFIXES = [('性', 'セイ'), ('的', 'テキ'), ('化', 'カ'), ('力', 'リョク'), ('者', 'シャ'), ('感', 'カン'), ('体制', 'タイセイ')]
HIRAGANA = re.compile(r'^[\u3041-\u3096\u30fc]+$')


def kanji_count(word):
    return sum(1 for c in word if '\u4e00' <= c <= '\u9fff' or c == '\u3005')


def readings(edict_path, text):
    """Katakana reading -> kanji word of the manual, for staff who type a word by its sound (ｷｮｳﾄﾞｳ, キョウドウ).

    Only words of two or more kanji (okurigana allowed: 縦割り), readings of three or more kana, and readings that lead to
    one word of the manual. The same readings let an English question's romaji (tatewari, kyodo) find the word.
    """
    raw = open(edict_path, 'rb').read().decode('euc_jp', errors='replace')
    mapping = {}
    for line in raw.splitlines()[1:]:
        head = line.partition(' /')[0]
        m = re.fullmatch(r'(\S+) \[([^\]]+)\]', head)
        if not m:
            continue
        words = [key(w.split('(')[0]) for w in m.group(1).split(';')]
        words = [w for w in words if (KANJI_WORD.match(w) or OKURIGANA_WORD.match(w)) and kanji_count(w) >= 2 and w in text]
        if not words:
            continue
        for reading in m.group(2).split(';'):
            reading = reading.split('(')[0]
            if not HIRAGANA.match(reading) or len(reading) < 3:
                continue
            katakana = ''.join(chr(ord(c) + 0x60) if '\u3041' <= c <= '\u3096' else c for c in reading)
            for w in words:
                mapping.setdefault(katakana, set()).add(w)
    # The manual's words built with a productive suffix (時限 + 性 → 時限性) are not EDICT headwords: composed here.
    for reading, words in list(mapping.items()):
        for word in list(words):
            for suffix, suffix_reading in SUFFIXES:
                if word + suffix in text:
                    mapping.setdefault(reading + suffix_reading, set()).add(word + suffix)
    # 気持 and 気持ち share a reading: the word written out in full stands for both; two different words are left out.
    lines = []
    for k, v in mapping.items():
        longest = max(v, key=len)
        if k not in text and all(longest.startswith(w) for w in v):
            lines.append(k + '\t' + longest)
    return sorted(lines)


RUN_HEAD = re.compile(r'^([\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]+)[\u3041-\u3096]*$')
FIRST_POS = re.compile(r'\(([a-z0-9,-]+)\)')
PREDICATE_POS = {'adv', 'adv-to', 'adj-i', 'adj-ix', 'adj-na', 'adj-t', 'adj-f', 'int', 'conj', 'exp', 'prt', 'aux', 'aux-v',
                 'aux-adj'}


def predicates(edict_path, text):
    """Words staff use to say how, not what: common EDICT words (P) whose first sense is a verb, an adjective or an
    adverb (困る, 揃える, 全然, 偉い), as the analyzer sees them (the kanji/katakana before the inflection: 困, 揃, 全然),
    then their English glosses.

    Only words the manual lacks (the list is used for words no section holds), and none that a common noun shares (話).
    """
    raw = open(edict_path, 'rb').read().decode('euc_jp', errors='replace')
    found, nouns = {}, set()
    for line in raw.splitlines()[1:]:
        head, _, rest = line.partition(' /')
        if '(P)' not in rest:
            continue
        m = FIRST_POS.match(rest.strip())
        tags = set(m.group(1).split(',')) if m else set()
        predicate = bool(tags & PREDICATE_POS or any(t.startswith('v') for t in tags)) and ('n' not in tags or 'adj-na' in tags)
        for w in head.split(' ')[0].split(';'):
            hm = RUN_HEAD.match(key(w.split('(')[0]))
            if not hm:
                continue
            if predicate:
                found.setdefault(hm.group(1), ','.join(sorted(tags)))
            else:
                nouns.add(hm.group(1))
    japanese = sorted(w + '\t' + pos for w, pos in found.items() if w not in nouns and w not in text)
    return japanese + english_predicates(raw, text)


def english_predicates(raw, text):
    """The same for English: one-word glosses of the first sense of common verbs, adjectives and adverbs (decide,
    hesitate, different), unless a common noun has that gloss too (place) or the manual's text holds the word."""
    found, nouns = {}, set()
    for line in raw.splitlines()[1:]:
        rest = line.partition(' /')[2]
        if '(P)' not in rest:
            continue
        m = FIRST_POS.match(rest.strip())
        tags = set(m.group(1).split(',')) if m else set()
        predicate = bool(tags & PREDICATE_POS or any(t.startswith('v') for t in tags)) and 'n' not in tags
        for gloss in rest.split('/'):
            if re.match(r'^\s*(?:\([a-z0-9,-]+\)\s*)?\(2\)', gloss):
                break  # first sense only
            gloss = re.sub(r'^to ', '', re.sub(r'\([^)]*\)', ' ', gloss).strip().lower()).strip()
            if not re.fullmatch(r'[a-z]{3,}', gloss):
                continue
            if predicate:
                found.setdefault(gloss, ','.join(sorted(tags)))
            else:
                nouns.add(gloss)
    return sorted(w + '\t' + pos for w, pos in found.items()
                  if w not in nouns and not re.search(r'\b' + w + r'\b', text))


def as_word(word, text):
    """A katakana word must stand alone (クシ is not in ミクシィ, パート not in パートナー); kanji compound freely."""
    if not re.fullmatch(r'[\u30a1-\u30fa\u30fc]+', word):
        return word in text
    return re.search(r'(?<![\u30a1-\u30fa\u30fc])' + re.escape(word) + r'(?![\u30a1-\u30fa\u30fc])', text) is not None


def synonyms(sudachi_path, text):
    groups = json.load(open(sudachi_path, encoding='utf-8'))
    lines, seen = [], set()
    for group in groups:
        items = [i for i in group['items'] if i.get('expandControl', 0) != 2 and i.get('taigenYogen') != '用言']
        members = [key(i['midashi']) for i in items]
        in_text = [m for m in members if len(m) >= 2 and HAS_KANJI_OR_KATAKANA.search(m) and as_word(m, text)]
        if not in_text:
            continue
        canonical = max(in_text, key=lambda m: (text.count(m), len(m)))
        for item, member in zip(items, members):
            if member == canonical or member in seen or member in text or len(member) < 2 or item.get('expandControl', 0) == 1:
                continue
            if not HAS_KANJI_OR_KATAKANA.search(member) and len(member) < 3:
                continue  # a short hiragana word is too often part of another word
            seen.add(member)
            lines.append(member + '\t' + canonical)
    return sorted(lines)


def main():
    edict_path, sudachi_path = sys.argv[1], sys.argv[2]
    text = knowledge_text()
    header_readings = ('# Katakana reading -> word of the manual, extracted from EDICT (Electronic Dictionary Research and Development Group,\n'
                       '# https://www.edrdg.org/edrdg/licence.html, CC BY-SA 4.0) by tools/extract-dictionaries.py. This file is under the same licence.\n')
    with open(os.path.join(KNOWLEDGE, '_edict-readings.tsv'), 'w', encoding='utf-8') as f:
        f.write(header_readings + '\n'.join(readings(edict_path, text)) + '\n')
    header_predicates = ('# Verbs, adjectives and adverbs (first sense) the manual lacks, as kanji/katakana before the inflection -> EDICT\n'
                         '# part of speech; extracted from EDICT (Electronic Dictionary Research and Development Group,\n'
                         '# https://www.edrdg.org/edrdg/licence.html, CC BY-SA 4.0) by tools/extract-dictionaries.py. This file is under the same licence.\n')
    with open(os.path.join(KNOWLEDGE, '_edict-predicates.tsv'), 'w', encoding='utf-8') as f:
        f.write(header_predicates + '\n'.join(predicates(edict_path, text)) + '\n')
    if sudachi_path == '--readings-only':
        return
    header_en = ('# English -> Japanese words of the manual, extracted from EDICT (Electronic Dictionary Research and Development Group,\n'
                 '# https://www.edrdg.org/edrdg/licence.html, CC BY-SA 4.0) by tools/extract-dictionaries.py. This file is under the same licence.\n')
    header_syn = ('# Variant -> word of the manual, extracted from the Sudachi synonym dictionary (Works Applications,\n'
                  '# https://github.com/WorksApplications/SudachiDict, Apache-2.0) by tools/extract-dictionaries.py.\n')
    with open(os.path.join(KNOWLEDGE, '_edict-en.tsv'), 'w', encoding='utf-8') as f:
        f.write(header_en + '\n'.join(english(edict_path, text)) + '\n')
    with open(os.path.join(KNOWLEDGE, '_sudachi-synonyms.tsv'), 'w', encoding='utf-8') as f:
        f.write(header_syn + '\n'.join(synonyms(sudachi_path, text)) + '\n')


if __name__ == '__main__':
    main()
