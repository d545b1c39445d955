#!/usr/bin/python3
"""scikit-learn's TfidfVectorizer + cosine on the same documents and tokens as
echotrace_stages tfidf, for the corpus benchmark (bench/py/bench_corpus.py).

Usage: peer_sklearn.py CORPUS [--pairs ECHOTRACE_PAIRS_TSV] [--matrix-limit N]
Prints one JSON object: stage seconds (read, tokenize, fit, transform,
cosine_matrix), vocabulary size, nonzeros, and, given echotrace's
id_a/id_b/cosine TSV, the agreement of the two cosines on those pairs.

Tokens: echotrace's word rule (text.h) written independently in Python, a
closer copy than tests/golden/tfidf/make_golden.py's: word characters are
letters (L*, Nl), decimal digits (Nd) and marks (M*), plus soft hyphen, ZWNJ
and ZWJ -- not other numbers such as "½" or "²", which Python's \w would take;
ideographs and kana are one token each; ' U+2019 U+02BC U+FF07 - U+2010 U+2011
join two word characters; each token is NFKC-normalised and case-folded. Known
remaining gaps: symbols with the Alphabetic property (circled letters) split
words here but not in echotrace. scikit-learn receives the token lists (analyzer=identity) with
its default TF-IDF settings, which echotrace's defaults equal: raw counts,
smooth idf, L2 rows. Needs Debian's python3-sklearn (ECHOTRACE_SETUP_BENCH=1
bash scripts/setup.sh).
"""
import argparse
import json
import re
import subprocess
import sys
import time
import unicodedata

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

APOS = {0x2019: "'", 0x02BC: "'", 0xFF07: "'", 0x2010: "-", 0x2011: "-"}


def _ranges(pred):
    """A regex character class body for the code points where pred holds."""
    out, start = [], None
    for cp in range(sys.maxunicode + 2):
        ok = cp <= sys.maxunicode and pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp - 1)) if cp - 1 > start else ""))
            start = None
    return "".join(out)


def _is_ideograph(cp):
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF
            or 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F)


def _is_word(cp):
    if cp in (0x00AD, 0x200C, 0x200D):
        return True
    if _is_ideograph(cp):
        return False
    cat = unicodedata.category(chr(cp))
    return cat[0] in "LM" or cat in ("Nd", "Nl")


_W = _ranges(_is_word)
WORD = re.compile(f"[{_W}]+(?:['\\-][{_W}]+)*|[{_ranges(_is_ideograph)}]")


def tokens(text):
    text = text.translate(APOS)
    return [unicodedata.normalize("NFKC", t).casefold() for t in WORD.findall(text)]


def identity(doc):
    return doc


def read_jsonl(path):
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        stream = proc.stdout
    else:
        proc, stream = None, open(path, "rb")
    ids, texts = [], []
    for line in stream:
        if not line.strip():
            continue
        obj = json.loads(line)
        ids.append(obj.get("id") or f"line-{len(ids) + 1}")
        texts.append(obj.get("text") or "")
    stream.close()
    if proc is not None and proc.wait() != 0:
        sys.exit(f"peer_sklearn: zstd failed on {path}")
    return ids, texts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--pairs", help="echotrace_stages tfidf --pairs-out TSV (id_a, id_b, cosine)")
    ap.add_argument("--matrix-limit", type=int, default=10000)
    args = ap.parse_args()

    seconds = {}
    t = time.perf_counter()
    ids, texts = read_jsonl(args.corpus)
    seconds["read"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = [tokens(x) for x in texts]
    seconds["tokenize"] = time.perf_counter() - t
    vec = TfidfVectorizer(analyzer=identity)
    t = time.perf_counter()
    vec.fit(docs)
    seconds["fit"] = time.perf_counter() - t
    t = time.perf_counter()
    x = vec.transform(docs)
    seconds["transform"] = time.perf_counter() - t
    seconds["cosine_matrix"] = None
    if len(docs) <= args.matrix_limit:
        t = time.perf_counter()
        sim = cosine_similarity(x)
        seconds["cosine_matrix"] = time.perf_counter() - t
        del sim

    out = {
        "peer": "scikit-learn TfidfVectorizer + cosine_similarity",
        "version": sklearn.__version__,
        "corpus": args.corpus,
        "documents": len(docs),
        "text_bytes": sum(len(s.encode("utf-8")) for s in texts),
        "tokens": sum(len(d) for d in docs),
        "vocabulary": len(vec.vocabulary_),
        "nonzeros": int(x.nnz),
        "threads": 1,
        "seconds": seconds,
    }
    if args.pairs:
        index = {d: i for i, d in enumerate(ids)}
        a, b, theirs = [], [], []
        with open(args.pairs, encoding="utf-8") as f:
            next(f)
            for line in f:
                ia, ib, c = line.rstrip("\n").split("\t")
                a.append(index[ia])
                b.append(index[ib])
                theirs.append(float(c))
        if a:
            ours = np.asarray(x[a].multiply(x[b]).sum(axis=1)).ravel()
            ours = np.clip(ours, 0.0, 1.0)
            diff = np.abs(ours - np.asarray(theirs))
            out["agreement"] = {
                "pairs": len(a),
                "max_abs_diff": float(diff.max()),
                "mean_abs_diff": float(diff.mean()),
                "pairs_over_1e-6": int((diff > 1e-6).sum()),
            }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
