"""Suggests the category and the agency of a citizen's report from its description.

Pure Python and scikit-learn, no Django. The verifier sees the top suggestions and
decides; nothing is dispatched on the model's word.

Model
    The description is normalised (``text.normalise``), then represented by the union of
    two TF-IDF vectorisers (sublinear term frequency): word 1–2-grams, which carry the
    vocabulary of each service ("ktp belum", "speedboat terlambat"), and character
    3–5-grams within word boundaries, which match affixed forms of one root
    ("pelayanan", "dilayani") and misspellings that the normaliser does not know.
    A multinomial logistic regression (C=10, balanced class weights) gives the category
    probabilities directly. It was chosen over a linear SVM calibrated by
    ``CalibratedClassifierCV`` (``classifier="svm"``): on the demo data both reach the
    same top-1 and top-3 accuracy within noise (see ``bench/RESULTS.md``), but the
    calibrated SVM predicts 3–4 times slower (it averages three calibrated SVMs), and it
    cannot train when a category has fewer than two reports, which happens when an
    installation starts from a few imported reports. ``tol=1e-3`` stops the solver when
    further iterations no longer change the accuracy and cuts the training time.

Agency
    Without per-row agencies, each category goes to its default agency
    (``data/complaint_categories.csv``). With them (past dispatched reports), a category
    goes to the agency most of its training reports went to (a tie goes to the default
    agency, then to the first code in alphabetical order); and when a category's reports
    went to several agencies, each with at least ``MIN_AGENCY_REPORTS`` reports (hospital
    complaints to RSUD Sofifi or to RSUD Chasan Boesoirie), a small second logistic
    regression on the same features picks among them. The confidence of a suggestion is
    the category's probability; the agency is the best one for that category.

Files
    ``save`` writes a joblib file with a header (format name and version, training time,
    number of reports, classes, scikit-learn version, normalisation version). ``load``
    refuses, with ``ModelFormatError``, a file that is not such a model, a model of
    another major format version, normalisation version or scikit-learn minor version
    (scikit-learn does not promise that its pickles survive an upgrade: retrain then).
    joblib files are pickles: only load files that the application itself wrote.
"""

import csv
import datetime as dt
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from .text import NORMALISATION_VERSION, normalise

FORMAT_NAME = "penata-complaint-routing"
FORMAT_VERSION = "1.0"
CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "data" / "complaint_categories.csv"
MIN_AGENCY_REPORTS = 5
RANDOM_STATE = 2026
CLASSIFIERS = ("logreg", "svm")


class ModelFormatError(ValueError):
    """The file is not a routing model this code can use."""


@dataclass(frozen=True)
class Suggestion:
    category: str
    agency: str | None
    confidence: float


@dataclass(frozen=True)
class Evaluation:
    top1: float
    top3: float
    agency_top1: float | None  # share of held-out reports whose top suggestion has their agency
    n_train: int
    n_test: int
    train_seconds: float
    predict_ms_per_text: float  # one text at a time through ``predict``


@lru_cache(maxsize=1)
def default_agencies() -> dict[str, str]:
    """Category code → default agency code, from the package's copy of the categories file."""
    with CATEGORIES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["default_agency"] for row in csv.DictReader(handle)}


def _features() -> FeatureUnion:
    common = {"lowercase": False, "sublinear_tf": True, "dtype": np.float32}
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), **common)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common)),
        ]
    )


def _logistic() -> LogisticRegression:
    return LogisticRegression(
        C=10.0, class_weight="balanced", tol=1e-3, max_iter=2000, random_state=RANDOM_STATE
    )


def _classifier(kind: str, labels: Sequence[str]):
    if kind == "logreg":
        return _logistic()
    if kind == "svm":
        folds = min(3, min(Counter(labels).values()))
        if folds < 2:
            raise ValueError("the svm classifier needs at least 2 reports of every category")
        svm = LinearSVC(C=0.5, class_weight="balanced", random_state=RANDOM_STATE)
        return CalibratedClassifierCV(svm, cv=folds, method="sigmoid")
    raise ValueError(f"unknown classifier {kind!r}; one of {', '.join(CLASSIFIERS)}")


class RoutingModel:
    """A trained router. Build one with ``RoutingModel.train`` or ``RoutingModel.load``."""

    def __init__(self, *, features, classifier, agency_of, agency_models, remove_stopwords, metadata):
        self._features = features
        self._classifier = classifier
        self._agency_of: dict[str, str | None] = agency_of
        self._agency_models: dict[str, LogisticRegression] = agency_models
        self._remove_stopwords = remove_stopwords
        self.metadata: dict = metadata
        self.classes: tuple[str, ...] = tuple(str(code) for code in classifier.classes_)

    # -- training -------------------------------------------------------------------
    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        categories: Sequence[str],
        agencies: Sequence[str | None] | None = None,
        *,
        default_agency: dict[str, str] | None = None,
        classifier: str = "logreg",
        remove_stopwords: bool = False,
    ) -> "RoutingModel":
        """Fit on reports (description, category, optionally the agency each went to)."""
        if len(texts) != len(categories) or (agencies is not None and len(agencies) != len(texts)):
            raise ValueError("texts, categories and agencies must have the same length")
        if len(set(categories)) < 2:
            raise ValueError("training needs reports of at least 2 categories")
        started = time.perf_counter()
        defaults = default_agencies() if default_agency is None else default_agency
        normalised = [normalise(text, remove_stopwords=remove_stopwords) for text in texts]
        labels = [str(category) for category in categories]
        features = _features()
        matrix = features.fit_transform(normalised)
        model = _classifier(classifier, labels)
        model.fit(matrix, labels)

        agency_of, agency_models = {}, {}
        for category in sorted(set(labels)):
            default = defaults.get(category)
            rows = (
                [i for i, label in enumerate(labels) if label == category and agencies[i]]
                if agencies is not None
                else []
            )
            counts = Counter(agencies[i] for i in rows)
            if not counts:
                agency_of[category] = default
                continue
            most = max(counts.values())
            tied = sorted(agency for agency, count in counts.items() if count == most)
            agency_of[category] = default if default in tied else tied[0]
            frequent = [agency for agency, count in counts.items() if count >= MIN_AGENCY_REPORTS]
            if len(frequent) >= 2:
                kept = [i for i in rows if agencies[i] in frequent]
                sub = _logistic()
                sub.fit(matrix[kept], [agencies[i] for i in kept])
                agency_models[category] = sub

        metadata = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "n_samples": len(labels),
            "classes": sorted(set(labels)),
            "class_counts": dict(sorted(Counter(labels).items())),
            "classifier": classifier,
            "remove_stopwords": remove_stopwords,
            "normalisation_version": NORMALISATION_VERSION,
            "sklearn_version": sklearn.__version__,
            "agencies": dict(agency_of),
            "agency_models": sorted(agency_models),
            "train_seconds": round(time.perf_counter() - started, 3),
        }
        return cls(
            features=features,
            classifier=model,
            agency_of=agency_of,
            agency_models=agency_models,
            remove_stopwords=remove_stopwords,
            metadata=metadata,
        )

    # -- prediction -----------------------------------------------------------------
    def predict(self, text: str, top: int = 3) -> list[Suggestion]:
        """The ``top`` most likely categories (at most the number of classes), best first."""
        return self.predict_many([text], top=top)[0]

    def predict_many(self, texts: Sequence[str], top: int = 3) -> list[list[Suggestion]]:
        if top < 1:
            raise ValueError("top must be at least 1")
        if not texts:
            return []
        matrix = self._transform(texts)
        probabilities = self._classifier.predict_proba(matrix)
        top = min(top, len(self.classes))
        results = []
        for row, proba in enumerate(probabilities):
            # Stable sort on the negated probabilities: ties keep the class order.
            order = np.argsort(-proba, kind="stable")[:top]
            results.append(
                [
                    Suggestion(
                        category=self.classes[index],
                        agency=self._agency(self.classes[index], matrix[row]),
                        confidence=float(min(1.0, max(0.0, proba[index]))),
                    )
                    for index in order
                ]
            )
        return results

    def _transform(self, texts: Sequence[str]):
        return self._features.transform(
            [normalise(text, remove_stopwords=self._remove_stopwords) for text in texts]
        )

    def _agency(self, category: str, row) -> str | None:
        sub = self._agency_models.get(category)
        if sub is None:
            return self._agency_of.get(category)
        return str(sub.predict(row)[0])

    # -- files ----------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        state = {
            "features": self._features,
            "classifier": self._classifier,
            "agency_of": self._agency_of,
            "agency_models": self._agency_models,
            "remove_stopwords": self._remove_stopwords,
        }
        joblib.dump(
            {
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "metadata": self.metadata,
                "state": state,
            },
            Path(path),
            compress=3,
        )

    @classmethod
    def load(cls, path: str | Path) -> "RoutingModel":
        """The model saved at ``path``; ``ModelFormatError`` if it is not one this code can use."""
        try:
            payload = joblib.load(Path(path))
        except FileNotFoundError:
            raise
        except Exception as error:  # a pickle can fail in many ways; all mean "not our file"
            raise ModelFormatError(f"{path} is not a routing model file ({type(error).__name__})") from error
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
            raise ModelFormatError(f"{path} is not a routing model file")
        version = str(payload.get("format_version", ""))
        if version.split(".")[0] != FORMAT_VERSION.split(".")[0]:
            raise ModelFormatError(
                f"{path} is a routing model of format {version or '?'}; this code reads format "
                f"{FORMAT_VERSION.split('.')[0]}.x: retrain the model"
            )
        metadata = payload.get("metadata") or {}
        normalised_with = metadata.get("normalisation_version")
        if normalised_with != NORMALISATION_VERSION:
            raise ModelFormatError(
                f"{path} was trained with text normalisation version {normalised_with}; "
                f"this code uses version {NORMALISATION_VERSION}: retrain the model"
            )
        trained_with = str(metadata.get("sklearn_version", ""))
        if trained_with.split(".")[:2] != sklearn.__version__.split(".")[:2]:
            raise ModelFormatError(
                f"{path} was trained with scikit-learn {trained_with or '?'}; this is scikit-learn "
                f"{sklearn.__version__}: retrain the model"
            )
        try:
            state = payload["state"]
            return cls(
                features=state["features"],
                classifier=state["classifier"],
                agency_of=state["agency_of"],
                agency_models=state["agency_models"],
                remove_stopwords=state["remove_stopwords"],
                metadata=metadata,
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ModelFormatError(f"{path} is an incomplete routing model file") from error

    # -- evaluation -----------------------------------------------------------------
    @classmethod
    def evaluate(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        agencies: Sequence[str | None] | None = None,
        test_size: float = 0.2,
        seed: int = RANDOM_STATE,
        **options,
    ) -> Evaluation:
        """Train on a stratified split and score the held-out part (top-1 and top-3 accuracy).

        Categories with a single report cannot be split: they go to the training part only.
        """
        if not 0 < test_size < 1:
            raise ValueError("test_size must be between 0 and 1")
        counts = Counter(labels)
        single = [i for i, label in enumerate(labels) if counts[label] < 2]
        splittable = [i for i, label in enumerate(labels) if counts[label] >= 2]
        train_rows, test_rows = train_test_split(
            splittable,
            test_size=test_size,
            random_state=seed,
            stratify=[labels[i] for i in splittable],
        )
        train_rows = sorted([*train_rows, *single])
        test_rows = sorted(test_rows)

        def pick(values, rows):
            return None if values is None else [values[i] for i in rows]

        started = time.perf_counter()
        model = cls.train(
            pick(texts, train_rows), pick(labels, train_rows), pick(agencies, train_rows), **options
        )
        train_seconds = time.perf_counter() - started

        test_texts, test_labels = pick(texts, test_rows), pick(labels, test_rows)
        started = time.perf_counter()
        predicted = [model.predict(text, top=3) for text in test_texts]
        predict_ms = (time.perf_counter() - started) * 1000 / max(1, len(test_texts))

        top1 = sum(found[0].category == label for found, label in zip(predicted, test_labels, strict=True))
        top3 = sum(
            any(s.category == label for s in found)
            for found, label in zip(predicted, test_labels, strict=True)
        )
        agency_top1 = None
        if agencies is not None:
            wanted = pick(agencies, test_rows)
            agency_top1 = sum(
                found[0].agency == agency for found, agency in zip(predicted, wanted, strict=True)
            )
            agency_top1 /= max(1, len(test_rows))
        return Evaluation(
            top1=top1 / max(1, len(test_rows)),
            top3=top3 / max(1, len(test_rows)),
            agency_top1=agency_top1,
            n_train=len(train_rows),
            n_test=len(test_rows),
            train_seconds=train_seconds,
            predict_ms_per_text=predict_ms,
        )
