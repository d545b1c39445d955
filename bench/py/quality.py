"""Quality of echotrace's pair scores against a generated corpus's ground truth.

Planted pairs (recall is measured on these): each copy with its source, as
listed in the generator's truth file ("families"). Related pairs (not counted
as false positives, not required for recall): two copies of the same source,
whose combined edits the truth does not state. Every other pair is unrelated.

For each score column of pairs.tsv (minhash_jaccard, exact_jaccard, cosine and
whatever else is numeric) and each threshold t, a pair is predicted when its
score >= t:
  precision = predicted planted-or-related pairs / predicted pairs
  recall    = predicted planted pairs / planted pairs
Recall is also broken down by the planted edit rate (1-5 %, 5-10 %, 10-20 %,
20-30 %). pairs.tsv is read by column name, so added columns (e.g. "method")
do no harm, and it may list only the pairs above some threshold (a sparse
path): a planted pair it does not list counts as missed.
"""
import json

BUCKETS = [(0.0, 0.05), (0.05, 0.10), (0.10, 0.20), (0.20, 1.0)]


def load_truth(path):
    with open(path, encoding="utf-8") as f:
        truth = json.load(f)
    planted = {}   # (a, b) sorted -> edit rate
    related = set()
    for fam in truth["families"]:
        ids = [fam["source"]] + [c["id"] for c in fam["copies"]]
        for c in fam["copies"]:
            planted[tuple(sorted((fam["source"], c["id"])))] = c["edit_rate"]
        for i in range(1, len(ids)):
            for j in range(i + 1, len(ids)):
                related.add(tuple(sorted((ids[i], ids[j]))))
    return truth, planted, related


def bucket_name(lo, hi):
    return f"{round(lo * 100)}-{round(min(hi, 0.30) * 100)}%"


def evaluate(pairs_tsv, truth_path, thresholds):
    """Returns {score: {threshold: metrics}} plus score statistics of planted pairs."""
    truth, planted, related = load_truth(truth_path)
    with open(pairs_tsv, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        ia, ib = header.index("id_a"), header.index("id_b")
        score_cols = [i for i, name in enumerate(header) if i not in (ia, ib) and name not in ("method",)]
        names = [header[i] for i in score_cols]
        lowest = min(t for ts in thresholds.values() for t in ts)
        predicted = {n: [0] * len(thresholds.get(n, [])) for n in names}
        correct = {n: [0] * len(thresholds.get(n, [])) for n in names}
        found = {}  # planted pair -> scores
        rows = 0
        for line in f:
            rows += 1
            parts = line.rstrip("\n").split("\t")
            key = (parts[ia], parts[ib]) if parts[ia] < parts[ib] else (parts[ib], parts[ia])
            is_planted = key in planted
            scores = []
            for i in score_cols:
                try:
                    scores.append(float(parts[i]))
                except ValueError:
                    scores.append(float("nan"))
            if is_planted:
                found[key] = scores
            if max(scores) < lowest:
                continue
            good = is_planted or key in related
            for k, n in enumerate(names):
                for ti, t in enumerate(thresholds.get(n, [])):
                    if scores[k] >= t:
                        predicted[n][ti] += 1
                        correct[n][ti] += good
    out = {"pairs_listed": rows, "planted_pairs": len(planted), "related_pairs": len(related),
           "planted_listed": len(found), "scores": {}}
    for k, n in enumerate(names):
        per = {}
        for ti, t in enumerate(thresholds.get(n, [])):
            hits = {b: [0, 0] for b in BUCKETS}
            tp = 0
            for key, rate in planted.items():
                b = next(b for b in BUCKETS if b[0] <= rate < b[1])
                hits[b][1] += 1
                s = found.get(key)
                if s is not None and s[k] >= t:
                    tp += 1
                    hits[b][0] += 1
            p = predicted[n][ti]
            per[str(t)] = {
                "predicted": p,
                "precision": correct[n][ti] / p if p else None,
                "recall": tp / len(planted) if planted else None,
                "recall_by_edit_rate": {bucket_name(*b): (h[0] / h[1] if h[1] else None) for b, h in hits.items()},
            }
        vals = sorted(s[k] for s in found.values())
        out["scores"][n] = {
            "thresholds": per,
            "planted_score_quantiles": {q: vals[min(len(vals) - 1, int(q * len(vals)))] for q in (0.0, 0.1, 0.5, 0.9)}
            if vals else {},
        }
    return out


if __name__ == "__main__":
    import sys
    th = {"minhash_jaccard": [0.3, 0.5, 0.7], "exact_jaccard": [0.3, 0.5, 0.7], "cosine": [0.5, 0.7, 0.9]}
    print(json.dumps(evaluate(sys.argv[1], sys.argv[2], th), indent=1))
