"""Risk methods: the built-in ones shipped as data, the kommune's own from
ikros.yaml, and the matrix each of them defines.

A `Matrix` is the method reduced to what the arithmetic needs: how many
levels each scale has, which zone a cell falls in, and who may accept a
residual risk in each zone. `method_findings` checks that a method is
usable at all (levels without gaps, zones covering every score, a grid of
the right shape, acceptance for every zone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ikros.diagnostics import Finding, Loc, error
from ikros.model.konfig import Konfig, Metode
from ikros.roles import Rolle
from ikros.suggest import did_you_mean

BUILTIN_IDS = ("enhet-5x5", "dsb-helhetlig", "arbeidsmiljø-3x3")


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    name: str
    rank: int  # 0 is the lowest zone
    accept_role: Rolle | None


@dataclass(frozen=True, slots=True)
class Matrix:
    id: str
    name: str
    likelihood_levels: int
    dimensions: dict[str, int]  # dimension id -> number of levels
    dimension_names: dict[str, str]
    zones: tuple[Zone, ...]
    thresholds: tuple[int, ...] | None  # highest score in each zone
    grid: tuple[tuple[str, ...], ...] | None  # rows from the highest likelihood
    # cells[s][k]: the zone of likelihood s and consequence k (index 0 unused)
    cells: tuple[tuple[Zone | None, ...], ...] = ()
    # needed[rank]: the role that must accept a residual risk in that zone
    needed: tuple[Rolle | None, ...] = ()
    # The names of the levels, level 1 first, for messages that show a scale.
    likelihood_names: tuple[str, ...] = ()
    level_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per dimension

    def __post_init__(self) -> None:
        top_k = max(self.dimensions.values(), default=0)
        cells = [(None,) * (top_k + 1)]
        for s in range(1, self.likelihood_levels + 1):
            cells.append((None, *(self._zone_of(s, k) for k in range(1, top_k + 1))))
        object.__setattr__(self, "cells", tuple(cells))
        object.__setattr__(self, "needed", tuple(self._needed(z) for z in self.zones))

    def _needed(self, zone: Zone) -> Rolle | None:
        """FORMAT.md: a zone whose role is above enhetsleder, or the highest
        zone whatever its role, needs an explicit acceptance."""
        if zone is self.zones[-1]:
            return zone.accept_role or Rolle.ENHETSLEDER
        if zone.accept_role is not None and zone.accept_role.rank > Rolle.ENHETSLEDER.rank:
            return zone.accept_role
        return None

    @property
    def highest_zone(self) -> Zone:
        return self.zones[-1]

    def zone_by_id(self, zone_id: str) -> Zone:
        return next(z for z in self.zones if z.id == zone_id)

    def zone_of(self, likelihood: int, consequence: int) -> Zone:
        """The zone of a cell; levels must lie inside the scales."""
        zone = self.cells[likelihood][consequence]
        assert zone is not None
        return zone

    def _zone_of(self, likelihood: int, consequence: int) -> Zone | None:
        if self.grid is not None:
            if consequence > len(self.grid[0]):
                return None
            row = self.grid[self.likelihood_levels - likelihood]
            return self.zone_by_id(row[consequence - 1])
        score = likelihood * consequence
        for zone, top in zip(self.zones, self.thresholds or (), strict=False):
            if score <= top:
                return zone
        return self.zones[-1]


def builtin_methods() -> dict[str, Metode]:
    return dict(_builtin_methods())


@cache
def _builtin_methods() -> tuple[tuple[str, Metode], ...]:
    from ikros.load import yamlio  # the same reader as for documents

    folder = resources.files("ikros.risk") / "methods"
    methods = []
    for method_id in BUILTIN_IDS:
        raw = (folder / f"{method_id}.yaml").read_bytes()
        parsed = yamlio.read(raw, f"{method_id}.yaml")
        methods.append((method_id, Metode.model_validate(parsed.data)))
    return tuple(methods)


def methods_for(konfig: Konfig | None) -> dict[str, tuple[Metode, Loc | None]]:
    """Every method a repository can use, with the location of the ones
    defined in its ikros.yaml (None for built-ins)."""
    found: dict[str, tuple[Metode, Loc | None]] = {
        method_id: (method, None) for method_id, method in builtin_methods().items()
    }
    if konfig is not None:
        for i, method in enumerate(konfig.metoder):
            found[method.id] = (method, ("metoder", i))
    return found


def build_matrix(method: Metode) -> Matrix:
    """The matrix of a method that passed `method_findings`."""
    accept = method.aksept
    zones = tuple(Zone(z.id, z.navn, rank, accept.get(z.id)) for rank, z in enumerate(method.soner))
    return Matrix(
        id=method.id,
        name=method.navn,
        likelihood_levels=len(method.sannsynlighet),
        dimensions={d.id: len(d.nivåer) for d in method.konsekvens},
        dimension_names={d.id: d.navn for d in method.konsekvens},
        zones=zones,
        thresholds=None if method.rutenett else tuple(z.til or 0 for z in method.soner),
        grid=tuple(tuple(row) for row in method.rutenett) if method.rutenett else None,
        likelihood_names=tuple(level.navn for level in method.sannsynlighet),
        level_names={d.id: tuple(level.navn for level in d.nivåer) for d in method.konsekvens},
    )


def method_findings(method: Metode, loc: Loc) -> list[Finding]:
    """Why a method cannot be used, located inside ikros.yaml."""
    found: list[Finding] = []
    found += _scale_findings(method.sannsynlighet, (*loc, "sannsynlighet"), "sannsynlighetsskalaen")
    seen_dims: set[str] = set()
    for i, dim in enumerate(method.konsekvens):
        dim_loc = (*loc, "konsekvens", i)
        if dim.id in seen_dims:
            found.append(
                error(
                    (*dim_loc, "id"),
                    "duplikat-id",
                    f"Dimensjonen `{dim.id}` er definert to ganger.",
                )
            )
        seen_dims.add(dim.id)
        found += _scale_findings(dim.nivåer, (*dim_loc, "nivåer"), f"skalaen for `{dim.id}`")
    zone_ids = [z.id for z in method.soner]
    for i, zone_id in enumerate(zone_ids):
        if zone_id in zone_ids[:i]:
            found.append(
                error(
                    (*loc, "soner", i, "id"),
                    "duplikat-id",
                    f"Sonen `{zone_id}` er definert to ganger.",
                )
            )
    found += _zone_findings(method, loc) if method.rutenett is None else _grid_findings(method, loc)
    for zone_id in zone_ids:
        if zone_id not in method.aksept:
            found.append(
                error(
                    (*loc, "aksept"),
                    "metode-mangler-aksept",
                    f"`aksept` sier ikke hvem som kan akseptere risiko i sonen `{zone_id}`.",
                    "Gi en rolle for hver sone, for eksempel `grønn: enhetsleder`.",
                )
            )
    for zone_id in method.aksept:
        if zone_id not in zone_ids:
            found.append(
                error(
                    (*loc, "aksept", zone_id),
                    "ukjent-sone",
                    f"`aksept` nevner sonen `{zone_id}`, som metoden ikke har."
                    f"{did_you_mean(zone_id, zone_ids, 'nøklene')}",
                    f"Sonene er: {', '.join(zone_ids)}.",
                    at_key=True,
                )
            )
    return found


def _scale_findings(levels, loc: Loc, what: str) -> list[Finding]:
    found = []
    for i, level in enumerate(levels):
        if level.nivå != i + 1:
            found.append(
                error(
                    (*loc, i, "nivå"),
                    "ugyldig-skala",
                    f"Nivåene i {what} skal være 1, 2, 3 … i rekkefølge uten hull; her står {level.nivå}, "
                    f"forventet {i + 1}.",
                )
            )
            break
    return found


def _zone_findings(method: Metode, loc: Loc) -> list[Finding]:
    found = []
    top_score = len(method.sannsynlighet) * max(len(d.nivåer) for d in method.konsekvens)
    previous = 0
    for i, zone in enumerate(method.soner):
        zone_loc = (*loc, "soner", i)
        if zone.til is None:
            found.append(
                error(
                    zone_loc,
                    "ugyldig-sone",
                    f"Sonen `{zone.id}` mangler `til` (høyeste poengsum i sonen).",
                    "Oppgi `til` for hver sone, eller bruk `rutenett`.",
                )
            )
            return found
        if zone.til <= previous:
            found.append(
                error(
                    (*zone_loc, "til"),
                    "ugyldig-sone",
                    f"Sonene må stige: `til` for `{zone.id}` ({zone.til}) må være høyere enn {previous}.",
                )
            )
        previous = zone.til
    if previous < top_score:
        found.append(
            error(
                (*loc, "soner", len(method.soner) - 1, "til"),
                "ugyldig-sone",
                f"Sonene dekker poengsummer opp til {previous}, men matrisen går til {top_score}.",
                f"Sett `til: {top_score}` på den høyeste sonen.",
            )
        )
    return found


def _grid_findings(method: Metode, loc: Loc) -> list[Finding]:
    found = []
    grid = method.rutenett or []
    grid_loc = (*loc, "rutenett")
    zone_ids = {z.id for z in method.soner}
    k_sizes = {len(d.nivåer) for d in method.konsekvens}
    if len(k_sizes) > 1:
        found.append(
            error(
                (*loc, "konsekvens"),
                "ugyldig-rutenett",
                "Med `rutenett` må alle konsekvensdimensjonene ha like mange nivåer.",
            )
        )
        return found
    columns = k_sizes.pop()
    if len(grid) != len(method.sannsynlighet):
        found.append(
            error(
                grid_loc,
                "ugyldig-rutenett",
                f"`rutenett` har {len(grid)} rader, men sannsynlighetsskalaen har {len(method.sannsynlighet)} nivåer.",
                "Skriv én rad per sannsynlighetsnivå, høyeste nivå først.",
            )
        )
    for r, row in enumerate(grid):
        if len(row) != columns:
            found.append(
                error(
                    (*grid_loc, r),
                    "ugyldig-rutenett",
                    f"Rad {r + 1} i `rutenett` har {len(row)} soner, men konsekvensskalaen har {columns} nivåer.",
                )
            )
        for c, zone_id in enumerate(row):
            if zone_id not in zone_ids:
                found.append(
                    error(
                        (*grid_loc, r, c),
                        "ukjent-sone",
                        f"`rutenett` nevner sonen `{zone_id}`, som ikke står under `soner`."
                        f"{did_you_mean(zone_id, zone_ids, 'verdiene')}",
                        f"Sonene er: {', '.join(z.id for z in method.soner)}.",
                    )
                )
    return found
