"""Pure-Python Vietnamese text tools: normalisation, accent folding, unit-name resolution.

Nothing here imports Django; display text keeps its diacritics, folded keys are for matching.
"""

from ttdn.text.normalize import fold, fold_tokens, nfc
from ttdn.text.unit_resolver import (
    KINDS,
    Candidate,
    Resolution,
    UnitRecord,
    UnitResolver,
)

__all__ = [
    "KINDS",
    "Candidate",
    "Resolution",
    "UnitRecord",
    "UnitResolver",
    "fold",
    "fold_tokens",
    "nfc",
]
