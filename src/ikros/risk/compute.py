"""Risk arithmetic (FORMAT.md, "Risk arithmetic"): pure functions, no I/O.

- The risk of one dimension is S × K; a hendelse's risk is the maximum over
  the dimensions assessed, and its zone is the zone of that cell.
- Residual risk is computed the same way from `restrisiko`; without it the
  residual risk is the inherent risk, and a dimension it leaves out keeps
  its inherent level.
- Current risk is inherent until every tiltak that is not `forkastet` is
  `gjennomført`, then residual.
- The role needed to accept is the residual zone's `aksept` role when it
  is above `enhetsleder`, or whenever the residual lies in the highest zone
  (looked up per zone in `Matrix.needed`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ikros.model.ros import Hendelse, TiltakStatus
from ikros.risk.methods import Matrix, Zone
from ikros.roles import Rolle


# Not frozen: these are built for every hendelse of every analysis, and a
# frozen dataclass costs several times more to construct.
@dataclass(slots=True)
class Risk:
    likelihood: int
    consequence: int  # the highest level over the dimensions assessed
    score: int  # max over dimensions of S × K
    zone: Zone


@dataclass(slots=True)
class HendelseRisk:
    inherent: Risk
    residual: Risk
    current: Risk
    accept_role: Rolle | None  # None: no explicit acceptance is needed


def top_level(matrix: Matrix, likelihood: int, consequence: Mapping[str, int]) -> int:
    """The highest consequence level, or 0 when a level lies outside the
    method's scales (or nothing is assessed)."""
    if not 1 <= likelihood <= matrix.likelihood_levels:
        return 0
    dims = matrix.dimensions
    top = 0
    for dim, level in consequence.items():
        limit = dims.get(dim)
        if limit is None or not 1 <= level <= limit:
            return 0
        if level > top:
            top = level
    return top


_DONE = (TiltakStatus.GJENNOMFØRT, TiltakStatus.FORKASTET)


def assess(matrix: Matrix, hendelse: Hendelse) -> HendelseRisk | None:
    """The risk of a hendelse, or None when its levels are outside the
    method's scales (the checks report that). Runs for every hendelse of
    every analysis: one pass over the levels, cells looked up in tables."""
    s = hendelse.sannsynlighet
    k = top_level(matrix, s, hendelse.konsekvens)
    if not k:
        return None
    inherent = Risk(s, k, s * k, matrix.cells[s][k])
    rest = hendelse.restrisiko
    if rest is None:
        residual = inherent
    else:
        # A dimension the residual does not assess keeps its inherent level:
        # leaving it out, or naming another dimension instead, must not
        # lower the risk.
        rk = top_level(matrix, rest.sannsynlighet, {**hendelse.konsekvens, **rest.konsekvens})
        if not rk:
            return None
        residual = Risk(
            rest.sannsynlighet, rk, rest.sannsynlighet * rk, matrix.cells[rest.sannsynlighet][rk]
        )
    done = all(t.status in _DONE for t in hendelse.tiltak)
    current = residual if done else inherent
    return HendelseRisk(inherent, residual, current, matrix.needed[residual.zone.rank])
