"""The fingerprint that binds an acceptance to what was accepted.

FORMAT.md: a hash of the hendelse's assessed content (beskrivelse, årsaker,
sannsynlighet, konsekvens, tiltak, restrisiko), not of free-text
formatting or comments. It is computed from the validated model, so
defaults written out or left implicit, key order, quoting, comments and
line wrapping in text do not change it; a changed level, a new tiltak or a
changed frist does. A tiltak's status does not: marking a tiltak done is
the follow-up the acceptance expected.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from ikros.model.ros import Hendelse

_SPACE = re.compile(r"\s+")
FIELDS = ("beskrivelse", "årsaker", "sannsynlighet", "konsekvens", "tiltak", "restrisiko")


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return _SPACE.sub(" ", value).strip()
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def fingerprint(hendelse: Hendelse) -> str:
    # A tiltak's status is follow-up, not assessment: marking one done must
    # not make the acceptance stale.
    content = hendelse.model_dump(
        mode="json", include=set(FIELDS), exclude={"tiltak": {"__all__": {"status"}}}
    )
    canonical = json.dumps(
        _normalise(content), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
