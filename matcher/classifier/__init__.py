"""The Förderkulisse classifier: who a call addresses and at which level it pays (issue 5)."""

from matcher.classifier.api import CLASSIFIER_VERSION, classify, classify_many, ensure_labels

__all__ = ["CLASSIFIER_VERSION", "classify", "classify_many", "ensure_labels"]
