"""The fitted decision parameters stored beside the fact base (`knowledge/calibration.json`).

`python -m bot calibrate` fits them on labelled questions (see `bot.bench.calibrate`); the engine only
reads them (see `bot.engine.signals`).  Two cut-offs on the fitted probability give three tiers:
`confident` (p >= confident: the answer), `likely` (likely <= p < confident: "I think you're asking:
<the entry's question>" and the answer) and `unsure` (p < likely: "I don't know" and suggestions).
The file is JSON, small, and reviewed in a diff like any other content change.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Tier = Literal["confident", "likely", "unsure"]
CALIBRATION_FILE = "calibration.json"


class Calibration(BaseModel):
    """Fitted parameters of the decision (the contents of `knowledge/calibration.json`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: list[str] = Field(description="Signal names, in the order of `weights`.")
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    confident: float = Field(ge=0.0, le=1.0, description="p at or above which the bot just answers")
    likely: float = Field(ge=0.0, le=1.0, description="p at or above which it answers with a hint")
    fitted_on: dict[str, str | int | float] = {}
    reliability: list[dict[str, float | int | str]] = []

    def probability(self, x: list[float]) -> float:
        """P(top answer is right), 0..1, for signal values in the order of `features`."""
        z = self.bias + sum(
            w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def tier(self, probability: float) -> Tier:
        if probability >= self.confident:
            return "confident"
        if probability >= self.likely:
            return "likely"
        return "unsure"

    @classmethod
    def read(cls, directory: Path) -> Calibration | None:
        """The calibration stored beside the fact base, None when there is none; ValueError if unreadable."""
        path = Path(directory) / CALIBRATION_FILE
        if not path.is_file():
            return None
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"]
        except UnicodeDecodeError as exc:
            reason = str(exc)
        raise ValueError(f"not a valid calibration ({reason}); run `python -m bot calibrate`")

    def write(self, directory: Path) -> Path:
        """Numbers rounded to 6 decimals: a refit on the same data gives the same file."""
        path = Path(directory) / CALIBRATION_FILE
        rounded = self.model_copy(
            update={name: [round(v, 6) for v in getattr(self, name)] for name in ("mean", "scale", "weights")}
            | {"bias": round(self.bias, 6)}
        )
        text = json.dumps(rounded.model_dump(), indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        return path
