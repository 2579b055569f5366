#!/usr/bin/env python3
"""Converts the Juman dictionary (Debian's mecab-jumandic-utf8) into compact extracts in knowledge/ (ADR 0071).

NOT SHIPPED: measured in ADR 0071, the extracts gained no answer (spellings) or lost answers (categories), so neither
file is in knowledge/ and nothing loads them. The script stays so the measurement can be repeated: commit 556444c holds
the loader (KnowledgeVocabulary.SpellingsDictionaryFile / CategoriesDictionaryFile, KnowledgeIndex's weak category forms).

Run by a maintainer when the knowledge text changes much (not at build or start-up):

    apt-get download mecab-jumandic-utf8 && dpkg -x mecab-jumandic-utf8_*.deb /tmp/jumandic     # BSD-3-Clause
    python3 tools/extract-jumandic.py /tmp/jumandic/usr/share/mecab/dic/juman [--hiragana] [--hand] [--categories[=C,C…]]

Jumandic gives, per entry, a canonical form (代表表記), a semantic category (カテゴリ), a domain (ドメイン) and a few
synonym links (同義). Measured in ADR 0071: the 同義 links are almost all morphological doublets (講ずる/講じる, 任す/任せる),
so what is left for the manual is spellings: the other ways Jumandic writes a common noun whose canonical form is a word
of the manual (盥回し → たらい回し, 遣り取り → やり取り, 交替 → 交代), as `variant<TAB>manual's word`, like the Sudachi
extract. Only nouns (普通名詞, サ変名詞) of ContentW.csv; the canonical form itself must be a word of the manual's text or
phrasings; a canonical form that stands for two readings (人事: じんじ, ひとごと) and a variant that spells two canonical
forms are left out. Hiragana spellings (いっぱん → 一般) only with --hiragana (three characters or more). --hand adds the
spellings of _synonyms.yaml's variants (口だし, くちだし → 口出し, which the loader follows on to 自主性). --categories writes
_jumandic-categories.tsv ('noun TAB category', concrete categories only; --categories=人工物-金銭,組織・団体 keeps those).
"""
import collections, csv, glob, os, re, sys, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
KNOWLEDGE = os.path.join(ROOT, 'knowledge')
KANJI_WORD = re.compile(r'^[\u4e00-\u9fff\u3005]+$')
KATAKANA_WORD = re.compile(r'^[\u30a1-\u30fa\u30fc]+$')
# A word written with kanji and okurigana (縦割り, 取り組み): it starts with a kanji and holds two or more.
OKURIGANA_WORD = re.compile(r'^[\u4e00-\u9fff\u3005](?:[\u4e00-\u9fff\u3005]|(?![をがのにはでと])[\u3041-\u3096](?=[\u4e00-\u9fff\u3005])|[\u3041-\u3096]+$)+$')
HIRAGANA = re.compile(r'^[\u3041-\u3096\u30fc]+$')
NOUNS = {'普通名詞', 'サ変名詞'}


def key(text):
    return unicodedata.normalize('NFKC', text).lower()


def knowledge_text():
    """The manual's text and its phrasings, as the analyzer keys them."""
    paths = sorted(glob.glob(os.path.join(KNOWLEDGE, '*.md'))) + sorted(glob.glob(os.path.join(KNOWLEDGE, '*.questions.yaml')))
    return '\n'.join(key(open(p, encoding='utf-8').read()) for p in paths)


def as_word(word, text):
    """A katakana word must stand alone (パート is not in パートナー); kanji compound freely."""
    if not KATAKANA_WORD.match(word):
        return word in text
    return re.search(r'(?<![\u30a1-\u30fa\u30fc])' + re.escape(word) + r'(?![\u30a1-\u30fa\u30fc])', text) is not None


def entries(folder):
    """(surface, pos, subpos, canonical form with its reading, features) of ContentW.csv's nouns."""
    with open(os.path.join(folder, 'ContentW.csv'), encoding='utf-8') as f:
        for row in csv.reader(f):
            if len(row) < 11 or row[4] != '名詞' or row[5] not in NOUNS:
                continue
            features = {}
            for token in ','.join(row[10:]).split(' '):
                name, _, value = token.partition(':')
                features.setdefault(name, []).append(value)
            canonical = features.get('代表表記', [''])[0]
            if canonical:
                yield key(row[0]), canonical, features


def hand_variants():
    """The variants of knowledge/_synonyms.yaml (口出し, 丸投げ): a spelling of one leads to it, and through it to the manual's word."""
    import yaml
    data = yaml.safe_load(open(os.path.join(KNOWLEDGE, '_synonyms.yaml'), encoding='utf-8'))
    return {key(str(v)) for e in data['synonyms'] for v in (e.get('variants') or []) + (e.get('paraphrases') or [])}


def spellings(folder, text, hiragana, hand):
    groups = collections.defaultdict(set)  # canonical form with reading → spellings
    for surface, canonical, _ in entries(folder):
        groups[canonical].add(surface)
    written = collections.Counter(key(c.split('/')[0]) for c in groups)   # 人事/じんじ and 人事/ひとごと: 2
    spelled = collections.Counter(s for members in groups.values() for s in members)
    lines = {}
    for canonical, members in groups.items():
        word = key(canonical.split('/')[0])
        if written[word] > 1 or len(word) < 2 or not (KANJI_WORD.match(word) or KATAKANA_WORD.match(word) or OKURIGANA_WORD.match(word)):
            continue
        if not as_word(word, text):
            continue
        for member in members:
            if member == word or spelled[member] > 1 or len(member) < 2 or member in text:
                continue
            if HIRAGANA.match(member) and (not hiragana or len(member) < 3):
                continue
            lines.setdefault(member, word)
    for canonical, members in groups.items():
        for target in sorted(m for m in members if m in hand and len(m) >= 2):
            for member in sorted(members):
                if member in hand or member in lines or spelled[member] > 1 or len(member) < 2 or member in text:
                    continue
                if HIRAGANA.match(member) and len(member) < 3:
                    continue
                lines[member] = target
    return sorted(v + '\t' + w for v, w in lines.items())


RUN = re.compile(r'^[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]{2,}$')


def categories(folder, text, only):
    """'noun TAB category' for Juman's concrete categories (not 抽象物, which most of the manual's nouns share) that a
    word of the manual has: the manual's own words of the category and the other nouns (kanji/katakana, two or more)."""
    found = collections.defaultdict(set)
    for surface, _, features in entries(folder):
        if RUN.match(surface):
            for value in features.get('カテゴリ', []):
                found[surface].update(c for c in value.split(';') if c != '抽象物' and (not only or c in only))
    of_manual = {c for w, cs in found.items() if as_word(w, text) for c in cs}
    return sorted(w + '\t' + c for w, cs in found.items() for c in cs if c in of_manual)


def main():
    folder = sys.argv[1]
    hiragana = '--hiragana' in sys.argv
    text = knowledge_text()
    header = ('# Spelling -> word of the manual, extracted from the Juman dictionary (Debian mecab-jumandic-utf8; (c) 2005 University of Tokyo,\n'
              '# 2012 Taku Kudo; BSD-3-Clause, see /usr/share/doc/mecab-jumandic-utf8/copyright) by tools/extract-jumandic.py.\n')
    with open(os.path.join(KNOWLEDGE, '_jumandic-spellings.tsv'), 'w', encoding='utf-8') as f:
        f.write(header + '\n'.join(spellings(folder, text, hiragana, hand_variants() if '--hand' in sys.argv else set())) + '\n')
    only = next((a.split('=', 1)[1].split(',') for a in sys.argv if a.startswith('--categories=')), None)
    if only is not None or '--categories' in sys.argv:
        header_c = header.replace('Spelling -> word of the manual', 'Noun -> Juman category (カテゴリ)')
        with open(os.path.join(KNOWLEDGE, '_jumandic-categories.tsv'), 'w', encoding='utf-8') as f:
            f.write(header_c + '\n'.join(categories(folder, text, only or [])) + '\n')


if __name__ == '__main__':
    main()
