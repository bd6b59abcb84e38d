"""Risk arithmetic (FORMAT.md, "Risk arithmetic"): pure functions, no I/O.

- The risk of one dimension is S × K; a hendelse's risk is the maximum over
  the dimensions assessed, and its zone is the zone of that cell.
- Residual risk is computed the same way from `restrisiko`; without it the
  residual risk is the inherent risk.
- Current risk is inherent until every tiltak that is not `forkastet` is
  `gjennomført`, then residual.
- The role needed to accept is the residual zone's `aksept` role when it
  is above `enhetsleder`, or whenever the residual lies in the highest zone.
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

    @property
    def current_is_residual(self) -> bool:
        return self.current is self.residual


def in_scale(matrix: Matrix, likelihood: int, consequence: Mapping[str, int]) -> bool:
    """True when every level lies inside the method's scales."""
    if not 1 <= likelihood <= matrix.likelihood_levels or not consequence:
        return False
    dims = matrix.dimensions
    for dim, level in consequence.items():
        top = dims.get(dim)
        if top is None or not 1 <= level <= top:
            return False
    return True


def risk_of(matrix: Matrix, likelihood: int, consequence: Mapping[str, int]) -> Risk:
    top = max(consequence.values())
    return Risk(likelihood, top, likelihood * top, matrix.cells[likelihood][top])


def required_role(matrix: Matrix, residual: Risk) -> Rolle | None:
    role = residual.zone.accept_role
    if residual.zone is matrix.highest_zone:
        return role or Rolle.ENHETSLEDER
    if role is not None and role.rank > Rolle.ENHETSLEDER.rank:
        return role
    return None


def assess(matrix: Matrix, hendelse: Hendelse) -> HendelseRisk | None:
    """The risk of a hendelse, or None when its levels are outside the
    method's scales (the checks report that)."""
    if not in_scale(matrix, hendelse.sannsynlighet, hendelse.konsekvens):
        return None
    inherent = risk_of(matrix, hendelse.sannsynlighet, hendelse.konsekvens)
    rest = hendelse.restrisiko
    if rest is None:
        residual = inherent
    elif in_scale(matrix, rest.sannsynlighet, rest.konsekvens):
        residual = risk_of(matrix, rest.sannsynlighet, rest.konsekvens)
    else:
        return None
    done = True
    for tiltak in hendelse.tiltak:
        if (
            tiltak.status is not TiltakStatus.GJENNOMFØRT
            and tiltak.status is not TiltakStatus.FORKASTET
        ):
            done = False
            break
    current = residual if done else inherent
    return HendelseRisk(inherent, residual, current, required_role(matrix, residual))
