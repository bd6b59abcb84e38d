"""Write a synthetic kommune repository of ROS analyses for benchmarking `ikros validate`.

    python bench/generate.py OUT_DIR [--n 10000] [--seed 1] [--git]

OUT_DIR gets ikros.yaml, organisasjon.yaml (12 områder with 25 enheter each) and N analyses
ros/<område>/<enhet>/ROS-2026-<n>.yaml of 5–30 KB with 10–40 hendelser each (about 150 MB for
N=10000). The output depends only on the seed. Every analysis is meant to be valid per
FORMAT.md on the built-in method enhet-5x5: residual risks stay below rød, so none needs
aksept; tiltak always have ansvarlig and frist.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import vocab as V

START, END = date(2026, 1, 1), date(2026, 11, 27)
LEVEL_WEIGHTS = (15, 45, 75, 92, 100)  # cumulative: levels 1–5 at 15, 30, 30, 17, 8 %
INFORMERES = {
    "alle": ["nærmeste leder"],
    "arbeidsmiljø": ["verneombud", "arbeidsmiljøutvalget"],
    "personvern": ["personvernombud"],
    "beredskap": ["beredskapskoordinator"],
}
# (status, cumulative weight): mostly approved analyses, as in a kommune that uses the tool
STATUSES = (("godkjent", 60), ("utkast", 85), ("til_godkjenning", 97), ("arkivert", 100))
TILTAK_STATUSES = (("planlagt", 45), ("pågår", 75), ("gjennomført", 95), ("forkastet", 100))
FILE_KB = (5.0, 28.0, 11.5)  # triangular low, high, mode of the target file size
IDENTITY = {
    "NAME": "ikros-bench",
    "EMAIL": "bench@example.invalid",
    "DATE": "2026-11-27T12:00:00+01:00",
}


class Area(NamedTuple):
    id: str
    navn: str
    leder: str
    enheter: list[tuple[str, str, str]]  # (id, navn, leder)
    brukere: list[str]
    tjenester: list[str]
    systemer: list[str]
    steder: list[str]
    types: list[str]
    type_weights: list[int]  # cumulative


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(name: str) -> str:
    ascii_name = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def person(rng: random.Random) -> str:
    return f"{rng.choice(V.FORNAVN)} {rng.choice(V.ETTERNAVN)}"


def level(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4, 5), cum_weights=LEVEL_WEIGHTS)[0]


def pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], cum_weights=[w for _, w in table])[0]


def zone(score: int) -> str:
    return "grønn" if score <= 4 else "gul" if score <= 12 else "rød"


def day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def organisation(rng: random.Random) -> list[Area]:
    areas = []
    for oid, navn, kinds, *texts in V.OMRÅDER:
        names = sorted(rng.sample([f"{p} {k}" for p in V.STEDER for k in kinds], 25))
        enheter = [(slug(n), n, person(rng)) for n in names]
        types = [t for t in V.TYPER if t != "smittevern" or oid in V.CARE]
        weights = list(accumulate(V.TYPER[t][0] for t in types))
        areas.append(Area(oid, navn, person(rng), enheter, *texts, types, weights))
    return areas


def konfig_yaml() -> str:
    informeres = "".join(f"  {k}: [{', '.join(v)}]\n" for k, v in INFORMERES.items())
    return (
        f"ikros: konfig/1\nkommune: {V.KOMMUNE}\nstandardmetode: enhet-5x5\n"
        f"revisjonsintervall: 12\ninformeres:\n{informeres}"
    )


def organisation_yaml(areas: list[Area]) -> str:
    out = [f"ikros: organisasjon/1\nkommune: {V.KOMMUNE}\nområder:\n"]
    for a in areas:
        rolle = "kommunedirektør" if a.id == "kommunedirektorens-stab" else "kommunalområdedirektør"
        out.append(
            f"  - id: {a.id}\n    navn: {q(a.navn)}\n"
            f"    leder: {{navn: {q(a.leder)}, rolle: {rolle}}}\n    enheter:\n"
        )
        out += [
            f"      - id: {eid}\n        navn: {q(navn)}\n"
            f"        leder: {{navn: {q(leder)}, rolle: enhetsleder}}\n"
            for eid, navn, leder in a.enheter
        ]
    return "".join(out)


def sentences(
    rng: random.Random, pool: list[str], fill: Callable[[str], str], first: list[str], size: int
) -> list[str]:
    """`first`, then sentences from `pool` (cycling from a random start) until `size` chars."""
    out, length, i = first, sum(len(s) + 1 for s in first), rng.randrange(len(pool))
    while length < size:
        s = fill(pool[i % len(pool)])
        out.append(s)
        length += len(s) + 1
        i += 1
    return out


def text_block(key: str, parts: list[str], rng: random.Random) -> str:
    """Free text as one quoted line, or as Markdown paragraphs in a literal block."""
    if len(parts) < 5 or rng.random() < 0.5:
        return f"    {key}: {q(' '.join(parts))}\n"
    paragraphs = ("      " + " ".join(parts[i : i + 3]) for i in range(0, len(parts), 3))
    return f"    {key}: |-\n" + "\n\n".join(paragraphs) + "\n"


class Analysis:
    """One ROS document; `render()` returns its YAML text."""

    def __init__(self, rng: random.Random, number: int, area: Area, unit: tuple[str, str, str]):
        self.rng, self.number, self.area, self.unit = rng, number, area, unit
        self.type = rng.choices(area.types, cum_weights=area.type_weights)[0]
        system = rng.choice(area.systemer)
        bruker = rng.choice(area.brukere)
        self.ctx = {
            "enhet": unit[1],
            "bruker": bruker,
            "Bruker": bruker[0].upper() + bruker[1:],
            "tjeneste": rng.choice(area.tjenester),
            "system": system,
            "System": system[0].upper() + system[1:],
            "sted": rng.choice(area.steder),
        }
        _, self.omfang_types, self.dims, tema, self.titles = V.TYPER[self.type]
        self.ctx["tema"] = self.fill(tema)
        self.eier = unit[2]
        self.dato = day(rng, START, date(2026, 10, 31))
        self.status = pick(rng, STATUSES)
        self.tiltak_count = 0
        self.titles_used: set[str] = set()

    def fill(self, template: str) -> str:
        return template.format_map(self.ctx) if "{" in template else template

    def render(self, target_size: int) -> str:
        head = self.header()
        foot = self.footer()
        room = target_size - len(head) - len(foot)
        n = self.rng.randint(max(10, min(40, room // 2600)), max(10, min(40, room // 650)))
        per_event = room // n
        events = [
            self.hendelse(h, int(per_event * self.rng.uniform(0.7, 1.3))) for h in range(1, n + 1)
        ]
        return head + "hendelser:\n" + "\n".join(events) + foot

    def header(self) -> str:
        rng, typ = self.rng, self.type
        klass = rng.choices(("intern", "fortrolig", "åpen"), cum_weights=(65, 90, 100))[0]
        out = [
            f"# Risiko- og sårbarhetsanalyse for {self.unit[1]}\n",
            f"ikros: ros/1\nid: ROS-2026-{self.number:05d}\n",
            f"tittel: {q(self.fill(rng.choice(self.titles)))}\ntype: {typ}\n",
            f"omfang_type: {rng.choice(self.omfang_types)}\nenhet: {self.unit[0]}\n",
        ]
        if rng.random() < 0.3:
            out.append("metode: enhet-5x5\n")
        out.append(f"status: {self.status}\nklassifisering: {klass}\n")
        if klass == "fortrolig":
            out.append(f"unntak_hjemmel: {q(rng.choice(V.HJEMLER))}\n")
        out.append(f"eier: {{navn: {q(self.eier)}, rolle: enhetsleder}}\ndeltakere:\n")
        out += [
            f"  - {{navn: {q(person(rng))}, rolle: {q(r)}}}\n"
            for r in rng.sample(V.DELTAKERROLLER, rng.randint(2, 6))
        ]
        out.append(
            f"dato: {self.dato}\nneste_revisjon: {self.dato.replace(year=2028)}\n"
            f"formål: {q(self.fill(rng.choice(V.FORMÅL)))}\n"
            f"omfang: {q(self.fill(rng.choice(V.OMFANG)))}\n"
        )
        if rng.random() < 0.6:
            out.append("forutsetninger:\n")
            out += [f"  - {q(f)}\n" for f in rng.sample(V.FORUTSETNINGER, rng.randint(1, 3))]
        if typ == "beredskap":
            out.append(f"kommunebeskrivelse: {q(V.KOMMUNEBESKRIVELSE)}\n")
        if typ == "personvern":
            out.append(self.personvern())
        if rng.random() < 0.2:
            out.append(
                f"vedlegg:\n  - {{tittel: Scenarioskjema, lenke: "
                f"{q(f'https://intranett.fjordvik.kommune.no/ros/{self.unit[0]}')}, "
                f"klassifisering: fortrolig}}\n"
            )
        return "".join(out)

    def personvern(self) -> str:
        rng, p = self.rng, V.PERSONVERN
        formål = ", ".join(q(self.fill(f)) for f in rng.sample(p["formål"], 2))
        kategorier = ", ".join(rng.sample(p["kategorier"], rng.randint(1, 3)))
        return (
            "personvernkonsekvenser:\n  behandling:\n"
            f"    beskrivelse: {q(self.fill(p['beskrivelse']))}\n"
            f"    formål: [{formål}]\n    behandlingsansvarlig: {V.KOMMUNE}\n"
            f"    databehandlere: [Driftsleverandør]\n    registrerte: [{q(self.ctx['bruker'])}]\n"
            f"    opplysningskategorier: [{kategorier}]\n"
            f"    behandlingsgrunnlag: {q(p['grunnlag'])}\n"
            f"  nødvendighet_og_forholdsmessighet: {q(p['nødvendighet'])}\n"
            f"  personvernombud_involvert: true\n  personvernombud_råd: {q(p['råd'])}\n"
            "  forhåndsdrøfting: ikke_nødvendig\n"
        )

    def footer(self) -> str:
        rng, dato = self.rng, self.dato
        out = []
        if self.status in ("godkjent", "arkivert"):
            dato = min(END, dato + timedelta(days=rng.randint(3, 25)))
            av, rolle = (
                (self.eier, "enhetsleder")
                if rng.random() < 0.7
                else (self.area.leder, "kommunalområdedirektør")
            )
            out.append(
                f"godkjenning:\n  godkjent_av: {{navn: {q(av)}, rolle: {rolle}}}\n  dato: {dato}\n"
            )
        if self.status != "utkast":
            told = min(END, dato + timedelta(days=rng.randint(0, 7)))
            out.append("informert:\n")
            out += [
                f"  - {{rolle: {r}, dato: {told}}}\n"
                for r in INFORMERES["alle"] + INFORMERES.get(self.type, [])
            ]
        return "".join(out)

    def hendelse(self, h: int, budget: int) -> str:
        """One hendelse of about `budget` characters: the required keys, then the optional
        parts that fit (tiltak first; always for rød), then free text to fill the budget."""
        rng, fill = self.rng, self.fill
        typ = rng.choice(list(V.KATALOG)) if self.type == "generell" else self.type
        titles, causes, barriers, measures = V.KATALOG[typ]
        s = level(rng)
        k = {d: level(rng) for d in rng.sample(self.dims, rng.choice((1, 1, 2, 2, 3)))}
        red = zone(s * max(k.values())) == "rød"
        rich = budget // 900
        title = self.title(titles)
        room = budget - 170 - len(title)  # keys, one sentence of beskrivelse and begrunnelse
        middle = [f"    sannsynlighet: {s}\n    konsekvens:\n"]
        middle += [f"      {d}: {v}\n" for d, v in k.items()]
        tail = [f"    usikkerhet: {rng.choice(('lav', 'middels', 'middels', 'høy'))}\n"]
        room -= sum(map(len, middle)) + len(tail[0])

        if red or rng.random() < (0.4 if s * max(k.values()) <= 4 else 0.9):
            numbered = self.tiltak_count
            tiltak = self.tiltak_block(measures, s, k, red, rng.randint(1, min(5, 1 + rich)))
            if red or len(tiltak) <= room:
                tail.append(tiltak)
                room -= len(tiltak)
            else:  # does not fit: give its T numbers back
                self.tiltak_count = numbered
        optional = [
            ("    årsaker:\n", causes, (1, 1 + rich), 0.9),
            ("    eksisterende_tiltak:\n", barriers, (1, min(3, 1 + rich)), 0.8),
        ]
        lists = []
        for key, pool, count, chance in optional:
            items = rng.sample(pool, min(len(pool), rng.randint(*count)))
            part = key + "".join(f"      - {q(fill(x))}\n" for x in items)
            if rng.random() < chance and len(part) <= room:
                lists.append(part)
                room -= len(part)
        if rng.random() < 0.3:
            tail.insert(1, f"    gruppe: {rng.choice(V.GRUPPER)}\n")

        besk = sentences(rng, V.BESKRIVELSE, fill, [], max(60, int(room * 0.65)))
        room -= sum(len(x) + 1 for x in besk)
        begr = [V.SANNSYNLIGHET[s]] + ([fill(V.KONSEKVENS[max(k.values())])] if room > 0 else [])
        begr = sentences(rng, V.BEGRUNNELSE, fill, begr, room)
        return "".join(
            [
                f"  - id: H{h}\n    tittel: {q(title)}\n",
                text_block("beskrivelse", besk, rng),
                *lists,
                *middle,
                f"    begrunnelse: {q(' '.join(begr))}\n",
                *tail,
            ]
        )

    def title(self, titles: list[str]) -> str:
        """A hendelse title not yet used in this analysis (a qualifier makes it differ)."""
        title = self.fill(self.rng.choice(titles))
        while title in self.titles_used:
            title = self.fill(self.rng.choice(titles) + self.rng.choice(V.PRESISERINGER))
        self.titles_used.add(title)
        return title

    def tiltak_block(
        self, measures: list[str], s: int, k: dict[str, int], red: bool, count: int
    ) -> str:
        """The tiltak list and the restrisiko they lead to."""
        rng, out, effects = self.rng, ["    tiltak:\n"], set()
        for i, measure in enumerate(rng.sample(measures, min(count, len(measures)))):
            status = pick(rng, TILTAK_STATUSES)
            if status == "forkastet" and (i == 0 or red):
                status = "planlagt"
            virkning = rng.choice(("sannsynlighet", "sannsynlighet", "konsekvens", "begge"))
            if status != "forkastet":
                effects.add(virkning)
            out.append(self.tiltak(measure, status, virkning))
        out.append(self.restrisiko(s, k, effects))
        return "".join(out)

    def tiltak(self, measure: str, status: str, virkning: str) -> str:
        rng = self.rng
        self.tiltak_count += 1
        navn, rolle = (self.eier, "enhetsleder") if rng.random() < 0.4 else rng.choice(V.ANSVARLIGE)
        frist = (
            day(rng, START, END)
            if status == "gjennomført"
            else day(rng, date(2028, 1, 1), date(2028, 12, 31))
        )
        text = (
            f"      - id: T{self.tiltak_count}\n        beskrivelse: {q(self.fill(measure))}\n"
            f"        ansvarlig: {{navn: {q(navn)}, rolle: {q(rolle)}}}\n"
            f"        frist: {frist}\n        status: {status}\n        virkning: {virkning}\n"
        )
        if rng.random() < 0.4:
            text += f"        prioritet: {rng.choice(('høy', 'middels', 'lav'))}\n"
        return text

    def restrisiko(self, s: int, k: dict[str, int], effects: set[str]) -> str:
        """Lower S and/or K (as the tiltak's virkning allows) to a grønn or gul score."""
        rng = self.rng
        can_s = bool(effects & {"sannsynlighet", "begge"})
        can_k = bool(effects & {"konsekvens", "begge"})
        rk = dict(k)  # every dimension: one left out keeps its inherent level
        target = max(1, min(s * max(rk.values()) - 1, rng.choice((2, 3, 4, 4, 6, 8, 9, 10, 12))))
        while s * max(rk.values()) > target:
            top = max(rk.values())
            if can_s and s > 1 and (s >= top or not can_k or top == 1):
                s -= 1
            elif can_k and top > 1:
                rk = {d: v - (v == top) for d, v in rk.items()}
            else:
                break
        kons = ", ".join(f"{d}: {v}" for d, v in rk.items())
        return (
            f"    restrisiko:\n      sannsynlighet: {s}\n      konsekvens: {{{kons}}}\n"
            f"      begrunnelse: {q(rng.choice(V.RESTRISIKO))}\n"
        )


def generate(out: Path, n: int, seed: int) -> list[int]:
    """Write the repository into `out`; return the size in bytes of every analysis."""
    rng = random.Random(seed)
    areas = organisation(rng)
    out.mkdir(parents=True, exist_ok=True)
    (out / "ikros.yaml").write_text(konfig_yaml(), encoding="utf-8")
    (out / "organisasjon.yaml").write_text(organisation_yaml(areas), encoding="utf-8")
    sizes, folders = [], set()
    for number in range(1, n + 1):
        area = rng.choice(areas)
        unit = rng.choice(area.enheter)
        folder = out / "ros" / area.id / unit[0]
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        size = int(1000 * rng.triangular(*FILE_KB))
        data = Analysis(rng, number, area, unit).render(size).encode()
        (folder / f"ROS-2026-{number:05d}.yaml").write_bytes(data)
        sizes.append(len(data))
    return sizes


def commit(out: Path) -> None:
    """`git init` and commit the tree, with a fixed identity and date (same seed, same hash)."""
    who = {f"GIT_{r}_{k}": v for r in ("AUTHOR", "COMMITTER") for k, v in IDENTITY.items()}
    env = {**os.environ, **who}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Syntetiske ROS-analyser"]):
        subprocess.run(
            ["git", "-C", str(out), "-c", "commit.gpgsign=false", *args], check=True, env=env
        )


def describe(sizes: list[int]) -> str:
    kb = sorted(s / 1000 for s in sizes)
    deciles = statistics.quantiles(kb, n=10) if len(kb) > 1 else kb * 9
    return (
        f"{sum(sizes) / 1e6:.1f} MB in {len(sizes)} analyses; file size KB min {kb[0]:.1f}, "
        f"p10 {deciles[0]:.1f}, median {statistics.median(kb):.1f}, "
        f"p90 {deciles[-1]:.1f}, max {kb[-1]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=10000, help="number of analyses")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--git", action="store_true", help="git init and commit the tree")
    args = parser.parse_args(argv)
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        print(f"{args.out_dir} is not empty; choose a new folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    sizes = generate(args.out_dir, args.n, args.seed)
    print(f"wrote {args.out_dir}: {describe(sizes)} ({time.perf_counter() - started:.1f} s)")
    if args.git:
        commit(args.out_dir)
        print(f"committed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
