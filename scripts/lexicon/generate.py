#!/usr/bin/env python3
"""Generate the typo check's data (crates/core/src/rules/text/data/): the lexicon of fixed
phrases and the groups of sound-alike characters. The output is committed; run this again
only to change the data, and commit what it writes.

    python3 -m pip install pypinyin==0.55.0 jieba==0.42.1
    python3 scripts/lexicon/generate.py

Sources, all available offline once the two PyPI packages are installed:
- phrases.txt = the hand list terms.txt (standard 政务公开 phrases) plus frequent phrases of
  the corpus reports' text (../shared/corpus: raw/ and peer/; the report text only, never
  the truth files): word n-grams (jieba segmentation) of 3 to 6 Chinese characters found in
  at least MIN_DOCS different files, or MIN_COUNT times in at least two. Phrases that hold a
  repeated character pair (审核审核) or a known typo are left out.
- sound.txt = the commonest characters (by the word frequencies of jieba's dictionary) grouped
  by their readings in pypinyin with the tone dropped and the usual fuzzy pairs of pinyin
  input merged (zh/z, ch/c, sh/s, n/l at the start; ang/an, eng/en, ing/in at the end), so
  that 方 (fang) and 反 (fan) are in one group. A character with several readings is in
  several groups.
- shape.txt = the hand list shape.txt of characters that look alike, copied.
"""

import collections
import html
import os
import re
import sys

import jieba
import jieba.posseg  # noqa: F401  (loads the dictionary the same way)
from pypinyin import Style, pinyin

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(REPO, "..", "shared", "corpus")
OUT = os.path.join(REPO, "crates", "core", "src", "rules", "text", "data")

MIN_DOCS = 3
MIN_COUNT = 5
# Fixed four-character expressions of jieba's dictionary (tags i, l: 成语, 习用语) at least this
# frequent: 一如既往, 再接再厉 … (their slips are the classic typos).
MIN_IDIOM_FREQ = 50
# Corpus n-grams that start or end with one of these words are fragments, not phrases.
EDGE_WORDS = set("的和与及年在对将为是了并或把被从向于个件条次等列本上下中其有")
COMMON_CHARS = 3500
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# Known typos (the wrong forms of typo.rs's list) never enter the lexicon.
KNOWN_TYPOS = ["截止目前", "截止到目前", "按排", "一如继往", "再接再励", "部份", "关健"]


def corpus_texts():
    """(file name, text) of every report text of the corpus: no truth or expected files."""
    for root, _, files in os.walk(CORPUS):
        for name in sorted(files):
            if name.endswith(".json") or name.endswith(".pdf") or name == "README.md":
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if name.endswith(".html"):
                text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
            yield os.path.relpath(path, CORPUS), text


fragments = set()


def ngrams(text):
    """Word n-grams (1 to 3 words) of 3 to 6 Chinese characters, per run of Chinese text;
    those that start or end with a function word are noted in `fragments`."""
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        words = list(jieba.cut(run, HMM=False))
        for i in range(len(words)):
            phrase = ""
            for j in range(i, min(i + 3, len(words))):
                phrase += words[j]
                if 3 <= len(phrase) <= 6:
                    if words[i] in EDGE_WORDS or words[j] in EDGE_WORDS:
                        fragments.add(phrase)
                    yield phrase
                if len(phrase) > 6:
                    break


def doubled(phrase):
    n = len(phrase)
    return any(
        phrase[i : i + k] == phrase[i + k : i + 2 * k]
        for k in (1, 2)
        for i in range(n - 2 * k + 1)
    )


def phrases():
    hand = []
    with open(os.path.join(HERE, "terms.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and CJK.match(line) and len(line) >= 3:
                hand.append(line)
    docs = collections.defaultdict(set)
    count = collections.Counter()
    for name, text in corpus_texts():
        for p in ngrams(text):
            docs[p].add(name)
            count[p] += 1
    found = [
        p
        for p in docs
        if (len(docs[p]) >= MIN_DOCS or (count[p] >= MIN_COUNT and len(docs[p]) >= 2))
        and p not in fragments
    ]
    idioms = []
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, n, tag = line.split()[:3]
            if tag in ("i", "l") and len(word) == 4 and CJK.match(word) and int(n) >= MIN_IDIOM_FREQ:
                idioms.append(word)
    out = []
    seen = set()
    for p in hand + sorted(found, key=lambda p: (-count[p], p)) + idioms:
        if p in seen or doubled(p) or any(t in p for t in KNOWN_TYPOS):
            continue
        seen.add(p)
        out.append(p)
    return len(hand), len(idioms), out


def fuzzy(syllable):
    s = syllable.replace("ü", "v")
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(a):
            s = b + s[2:]
    if s.startswith("n") and not s.startswith("ng"):
        s = "l" + s[1:]
    for a, b in (("ang", "an"), ("eng", "en"), ("ing", "in")):
        if s.endswith(a):
            s = s[: -len(a)] + b
    return s


def sound_groups():
    freq = collections.Counter()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, n = line.split()[:2]
            for c in word:
                if "\u4e00" <= c <= "\u9fff":
                    freq[c] += int(n)
    common = [c for c, _ in freq.most_common(COMMON_CHARS)]
    groups = collections.defaultdict(list)
    for c in sorted(common, key=lambda c: -freq[c]):
        for reading in sorted(set(pinyin(c, style=Style.NORMAL, heteronym=True)[0])):
            key = fuzzy(reading)
            if c not in groups[key]:
                groups[key].append(c)
    return {k: v for k, v in groups.items() if len(v) > 1}


def main():
    os.makedirs(OUT, exist_ok=True)
    n_hand, n_idioms, lexicon = phrases()
    with open(os.path.join(OUT, "phrases.txt"), "w", encoding="utf-8") as f:
        f.write(
            "# Fixed phrases of 政务 writing, for the typo check (TEXT-TYPO). Generated by\n"
            "# scripts/lexicon/generate.py: the hand list scripts/lexicon/terms.txt (%d phrases),\n"
            "# then word n-grams of 3-6 characters frequent in the corpus reports' text\n"
            "# (jieba %s segmentation; in >= %d files, or >= %d times in >= 2; not starting or\n"
            "# ending with a function word), then the %d four-character fixed expressions (tags\n"
            "# i, l) of jieba's dictionary with a frequency >= %d. %d phrases in all.\n"
            % (n_hand, jieba.__version__, MIN_DOCS, MIN_COUNT, n_idioms, MIN_IDIOM_FREQ, len(lexicon))
        )
        for p in lexicon:
            f.write(p + "\n")
    groups = sound_groups()
    with open(os.path.join(OUT, "sound.txt"), "w", encoding="utf-8") as f:
        f.write(
            "# Sound-alike characters (音近字) for the typo check: the %d commonest characters\n"
            "# (jieba's dictionary frequencies) grouped by pypinyin readings, tone dropped, with\n"
            "# zh/z ch/c sh/s n/l initials and ang/an eng/en ing/in finals merged. Generated by\n"
            "# scripts/lexicon/generate.py. One group a line: key, a tab, the characters.\n"
            % COMMON_CHARS
        )
        for k in sorted(groups):
            f.write("%s\t%s\n" % (k, "".join(groups[k])))
    with open(os.path.join(HERE, "shape.txt"), encoding="utf-8") as src:
        shape = src.read()
    with open(os.path.join(OUT, "shape.txt"), "w", encoding="utf-8") as f:
        f.write("# Copied from scripts/lexicon/shape.txt by scripts/lexicon/generate.py.\n")
        f.write(shape)
    print("phrases %d (hand %d), sound groups %d" % (len(lexicon), n_hand, len(groups)), file=sys.stderr)


if __name__ == "__main__":
    main()
