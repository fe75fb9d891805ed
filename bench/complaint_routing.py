"""Accuracy and speed of the complaint routing classifier on the demo training reports.

Generates ``--per-category`` demo reports for each of the 20 categories
(``penata.complaints.routing.training_data``), trains on a stratified 80% and scores the
held-out 20% (top-1 and top-3 category accuracy, agency of the top suggestion), for the
chosen logistic regression and for the calibrated linear SVM it was compared with. Then
times a full training on ``--train-size`` reports and single-text predictions, and writes
the report into ``bench/RESULTS.md`` between the ``complaint-routing`` markers.

The reports are synthetic: written from templates, they are cleaner and more separable
than what citizens write, so these accuracies overstate what the model will reach on real
reports. Re-run the evaluation on imported historical reports before trusting a number.

Run: .venv/bin/python bench/complaint_routing.py [--per-category 150] [--seed 2026] [--no-results]
"""

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sklearn

from penata.complaints.routing.classifier import RoutingModel
from penata.complaints.routing.training_data import training_reports

RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
MARK_START, MARK_END = "<!-- complaint-routing:start -->", "<!-- complaint-routing:end -->"
PROBES = (
    "KTP saya belum jadi sudah 3 bulan, blanko habis katanya",
    "speedboat Ternate Sofifi telat 2 jam tdk ada pemberitahuan",
    "jln trans halmahera dekat weda berlubang parah",
    "diminta uang 500 ribu waktu urus izin usaha",
    "obat di puskesmas habis",
)


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load1, _load5, _load15 = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, {memory:.1f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, scikit-learn {sklearn.__version__}, "
        f"load average {load1:.1f} at the start; {dt.datetime.now(dt.UTC).date().isoformat()}"
    )


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--per-category", type=int, default=150, help="demo reports per category to evaluate on"
    )
    parser.add_argument("--train-size", type=int, default=5000, help="reports for the timed full training")
    parser.add_argument("--seed", type=int, default=2026, help="generator and split seed")
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--no-results", action="store_true", help="print only, leave RESULTS.md alone")
    args = parser.parse_args()
    header = machine()

    reports = training_reports(n_per_category=args.per_category, seed=args.seed)
    texts, categories, agencies = (list(column) for column in zip(*reports, strict=True))
    rows = []
    for kind in ("logreg", "svm"):
        result = RoutingModel.evaluate(
            texts, categories, agencies=agencies, test_size=args.test_size, seed=args.seed, classifier=kind
        )
        rows.append((kind, result))
        print(f"{kind}: {result}")

    per_category = -(-args.train_size // 20)
    big = training_reports(n_per_category=per_category, seed=args.seed + 1)[: args.train_size]
    big_texts, big_categories, big_agencies = zip(*big, strict=True)
    started = time.perf_counter()
    model = RoutingModel.train(big_texts, big_categories, big_agencies)
    train_seconds = time.perf_counter() - started
    timings = []
    for _ in range(20):
        for probe in PROBES:
            started = time.perf_counter()
            model.predict(probe)
            timings.append((time.perf_counter() - started) * 1000)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "routing.joblib"
        started = time.perf_counter()
        model.save(path)
        save_seconds = time.perf_counter() - started
        size_mib = path.stat().st_size / 2**20
        started = time.perf_counter()
        RoutingModel.load(path)
        load_seconds = time.perf_counter() - started
    probes = "\n".join(
        f"| {probe} | "
        + ", ".join(f"{s.category} ({s.agency}) {s.confidence:.2f}" for s in model.predict(probe))
        + " |"
        for probe in PROBES
    )

    names = {"logreg": "logistic regression (chosen)", "svm": "linear SVM + sigmoid calibration (3 folds)"}
    table = "\n".join(
        f"| {names[kind]} | {percent(r.top1)} | {percent(r.top3)} | {percent(r.agency_top1)} | "
        f"{r.train_seconds:.1f} s | {r.predict_ms_per_text:.1f} ms |"
        for kind, r in rows
    )
    n_train, n_test = rows[0][1].n_train, rows[0][1].n_test
    text = f"""{header}.

Held-out evaluation: {args.per_category} demo reports per category (20 categories, seed
{args.seed}), stratified split {n_train:,} train / {n_test:,} test.

| classifier | top-1 | top-3 | agency of top-1 | training | predict (one text) |
|---|---:|---:|---:|---:|---:|
{table}

Full model on {len(big):,} demo reports: training {train_seconds:.1f} s, `predict` median
{statistics.median(timings):.1f} ms and p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms per text
({len(timings)} calls), file {size_mib:.1f} MiB (save {save_seconds:.2f} s, load {load_seconds:.2f} s).

| description | suggestions (category, agency, confidence) |
|---|---|
{probes}

The demo reports are synthetic: built from templates per category, with informal spelling,
mixed topics and about 12% deliberately ambiguous problems labelled with one of their
plausible categories. Real reports are shorter, vaguer and labelled less consistently, so
**these figures overstate the accuracy on real data**: measure again on imported
historical reports. What the synthetic run does show is that the pipeline works end to
end, how much of the top-1 misses (mostly the ambiguous reports) top-3 recovers, and
that training and prediction are fast enough to retrain on demand.
"""
    print(text)
    if args.no_results:
        return
    title = "## Complaint routing classifier\n\n`bench/complaint_routing.py` (see README)."
    section = f"{MARK_START}\n{title}\n\n{text}{MARK_END}"
    current = RESULTS_FILE.read_text(encoding="utf-8") if RESULTS_FILE.exists() else ""
    if MARK_START in current and MARK_END in current:
        before, rest = current.split(MARK_START, 1)
        _old, after = rest.split(MARK_END, 1)
        current = before + section + after
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS_FILE.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
