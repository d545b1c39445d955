#!/usr/bin/env python3
"""Golden TF-IDF cosine matrices for corpus/seeds, computed once with scikit-learn.

Run from the repository root with Debian's python3-sklearn (1.2.1 here):
    /usr/bin/python3 tests/golden/tfidf/make_golden.py
It writes tests/golden/tfidf/seeds_<config>.csv. Regenerate only on purpose, in
a commit of its own.

Tokens: scikit-learn is given echotrace's word rule, written here
independently of the C++ code (an oracle must not reuse the thing it checks):
  1. apostrophes U+2019 U+02BC U+FF07 -> "'", hyphens U+2010 U+2011 -> "-"
  2. a token is a run of letters/digits (Python's [^\\W_]) with single "'" or "-"
     allowed between two such characters
  3. each token is NFKC-normalised and case-folded (str.casefold).
The seeds are raw files, exactly as in corpus/seeds (no cleaning).

Configurations (TfidfVectorizer keyword arguments beyond tokenizer/lowercase):
  default:  norm='l2', use_idf=True, smooth_idf=True, sublinear_tf=False  (sklearn defaults)
  options:  ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.9
Cosine = X @ X.T of the L2-normalised rows (sklearn.metrics.pairwise.cosine_similarity).
"""
import csv
import pathlib
import re
import unicodedata

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

ROOT = pathlib.Path(__file__).resolve().parents[3]
SEEDS = ROOT / "corpus" / "seeds"
OUT = pathlib.Path(__file__).resolve().parent

APOS = {0x2019: "'", 0x02BC: "'", 0xFF07: "'", 0x2010: "-", 0x2011: "-"}
WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


def tokens(text):
    text = text.translate(APOS)
    return [unicodedata.normalize("NFKC", t).casefold() for t in WORD.findall(text)]


CONFIGS = {
    "default": {},
    "options": {"ngram_range": (1, 2), "sublinear_tf": True, "min_df": 2, "max_df": 0.9},
}


def main():
    files = sorted(SEEDS.glob("*.txt"))
    ids = [f.stem for f in files]
    texts = [f.read_text(encoding="utf-8") for f in files]
    for name, kwargs in CONFIGS.items():
        vec = TfidfVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None, **kwargs)
        x = vec.fit_transform(texts)
        sim = cosine_similarity(x)
        path = OUT / f"seeds_{name}.csv"
        with path.open("w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "vocabulary_size"] + ids)
            for i, row in enumerate(sim):
                w.writerow([ids[i], len(vec.vocabulary_)] + [repr(float(v)) for v in row])
        print(f"wrote {path} ({len(vec.vocabulary_)} terms)")


if __name__ == "__main__":
    main()
