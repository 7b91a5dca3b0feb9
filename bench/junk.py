"""Speakers that are no speaker (issue 27): junk, conflicts and documents per set, from ../shared/eval/junk_speakers.py.

    python bench/junk.py                                  # seeds, gum-dev, polnear-dev, polnear-train (+ ggt-dev)
    python bench/junk.py seeds ggt-dev --keep /tmp/pred   # named sets; also keep their predictions there
    python bench/junk.py /tmp/c/seeds.jsonl pred2.jsonl   # prediction files (`quotes extract --format jsonl`)
    python bench/junk.py seeds -v                         # with junk_speakers.py's examples

Named sets are extracted as bench/eval_quotes.py does (its SETS and predict, PolNeAR with its own conventions);
ggt-dev is added when ../shared/eval/ggt-dev holds it. junk_speakers.py defines the counts: junk (an empty
speaker object, a name with no id, layout whitespace, a pronoun, a possessive or stray mark, a fragment; must be
0), conflicts (two records of one document sharing at least half of the longer one's text with different
speakers; must be 0) and documents (unnamed speakers whose head is a document: reported, not judged). It runs as
a subprocess, not copied here.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from eval_quotes import SETS, SHARED, load_texts, predict  # noqa: E402

JUNK = SHARED / "junk_speakers.py"
GGT = SHARED / "ggt-dev"
DEFAULT = ["seeds", "gum-dev", "polnear-dev", "polnear-train"]


def named_sets() -> dict[str, list[tuple[pathlib.Path, pathlib.Path, pathlib.Path | None]]]:
    """eval_quotes.SETS, with ggt-dev when its files are there."""
    sets = dict(SETS)
    if (GGT / "ggt-dev.gold.jsonl").is_file():
        sets["ggt-dev"] = [(GGT / "ggt-dev.gold.jsonl", GGT / "articles", GGT / "ggt-dev.entities.json")]
    return sets


def extract(name: str, sets: dict, out: pathlib.Path) -> pathlib.Path:
    """Predictions of one named set (every document of its gold files), written to `out` as JSON Lines."""
    texts: dict[str, str] = {}
    for gold, folder, _ in sets[name]:
        texts.update(load_texts(gold, folder))
    polnear = "polnear" in name
    preds, _, _ = predict(texts, join=polnear, noun_phrases=polnear)
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    return out


def junk(path: pathlib.Path, verbose: bool) -> dict:
    """junk_speakers.py's summary of one prediction file (its last line); its examples printed with `verbose`."""
    run = subprocess.run([sys.executable, str(JUNK), str(path)], check=True, capture_output=True, text=True)
    lines = run.stdout.strip().splitlines()
    if verbose:
        print(f"== {path}", *lines[:-1], sep="\n")
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help="named sets or prediction files (default: the dev sets, ggt-dev if present)")
    ap.add_argument("--keep", type=pathlib.Path, help="write the named sets' predictions to DIR/<set>.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true", help="print junk_speakers.py's examples too")
    a = ap.parse_args()
    sets = named_sets()
    inputs = a.inputs or DEFAULT + (["ggt-dev"] if "ggt-dev" in sets else [])
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = a.keep or pathlib.Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for item in inputs:
            if item in sets:
                path = extract(item, sets, folder / f"{item}.jsonl")
            elif pathlib.Path(item).is_file():
                path = pathlib.Path(item)
            else:
                ap.error(f"{item!r} is neither a set ({', '.join(sorted(sets))}) nor a prediction file")
            rows.append((item, junk(path, a.verbose)))
    keys = ["records", "with_speaker", "junk", "conflicts", "documents"]
    width = max(len(n) for n, _ in rows) + 2
    print(f"{'set':{width}s}" + "".join(f"{k:>14s}" for k in keys) + "  junk by kind")
    for name, r in rows:
        kinds = {k: v for k, v in r["by_kind"].items() if k not in ("conflict", "document (reported)")}
        print(f"{name:{width}s}" + "".join(f"{r[k]:>14}" for k in keys) + f"  {json.dumps(kinds) if kinds else ''}")


if __name__ == "__main__":
    main()
