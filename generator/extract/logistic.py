"""A logistic model over named features: what the position filter and the calibrated
confidences are made of, each fitted by its own script and kept as JSON under data/."""
from __future__ import annotations

import math
from dataclasses import dataclass

Features = dict[str, float]


@dataclass(frozen=True)
class LogisticModel:
    """``1 / (1 + exp(-(bias + Σ weight · feature)))``; features it has no weight for count 0."""
    weights: dict[str, float]
    bias: float = 0.0

    def score(self, features: Features) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Features) -> float:
        # Clamped: a score past ±30 is certainty to every digit shown, and exp() cannot overflow.
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))
