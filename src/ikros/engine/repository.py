"""Validating one or more repository roots as one kommune."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ikros.checks import cross
from ikros.checks.context import Context, context_for
from ikros.checks.facts import Facts
from ikros.diagnostics import Diagnostic, Severity
from ikros.engine.document import FileResult, locate, process
from ikros.load import discover, yamlio
from ikros.load.cache import ResultCache, content_hash, context_key
from ikros.model.konfig import Konfig

# Below this many files to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 150
_CHUNK = 64


@dataclass(frozen=True, slots=True)
class Source:
    """One file's bytes, wherever they came from (disk or a git object)."""

    display: str  # the path shown in diagnostics
    relpath: str  # relative to its repository root, with forward slashes
    raw: bytes | None  # None: could not be read
    read_error: str | None = None


@dataclass(slots=True)
class RootInput:
    root: Path
    sources: list[Source]
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    source: Source
    root: Path
    facts: Facts


@dataclass(slots=True)
class ValidationResult:
    diagnostics: list[Diagnostic]
    files: int
    documents: Counter[str]
    roots: list[Path]
    config_error: bool
    # Every document of every root, for commands that build on validation.
    index: list[Document] = field(default_factory=list)
    konfig: dict[Path, Konfig | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Settings:
    paths: tuple[Path, ...]
    cwd: Path
    use_cache: bool = True
    jobs: int | None = None


def sources_from_disk(root: Path, cwd: Path) -> RootInput:
    files, problems = discover.walk(root, cwd)
    sources = []
    for f in files:
        try:
            raw = _read(f.path)
        except OSError as exc:
            sources.append(Source(f.display, f.relpath, None, exc.strerror or str(exc)))
            continue
        sources.append(Source(f.display, f.relpath, raw))
    return RootInput(root, sources, problems)


def _read(path: str) -> bytes:
    """The file's bytes, or just enough of them to know it is too big."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = min(os.fstat(fd).st_size, yamlio.MAX_FILE_BYTES) + 1
        chunks = []
        while size > 0 and (chunk := os.read(fd, size)):
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def run(settings: Settings) -> ValidationResult:
    """Validate the repositories that hold `settings.paths`."""
    targets = [
        p if p.is_absolute() else settings.cwd / p for p in settings.paths or (settings.cwd,)
    ]
    roots: list[Path] = []
    for target in targets:
        root = discover.find_root(target)
        if root not in roots:
            roots.append(root)
    inputs = [sources_from_disk(root, settings.cwd) for root in roots]
    result = check(inputs, use_cache=settings.use_cache, jobs=settings.jobs)
    scope = [t.resolve() for t in targets]
    if any(t in roots for t in scope):
        return result
    keep = {s.display for inp in inputs for s in inp.sources if _under(inp.root / s.relpath, scope)}
    keep |= {d.path for d in result.diagnostics if _under(settings.cwd / d.path, scope)}
    result.diagnostics = [d for d in result.diagnostics if d.path in keep]
    result.files = len(keep)
    return result


def _under(path: Path, scope: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == s or s in resolved.parents for s in scope)


def check(
    inputs: list[RootInput], *, use_cache: bool = True, jobs: int | None = None
) -> ValidationResult:
    """Validate roots given as bytes: the core of `ikros validate`."""
    diagnostics: list[Diagnostic] = []
    index: list[Document] = []
    config_error = False
    konfigs: dict[Path, Konfig | None] = {}
    konfig_sources: dict[Path, Source | None] = {}
    for inp in inputs:
        diagnostics += inp.problems
        ctx, konfig_source, konfig_result = _konfig(inp)
        konfigs[inp.root] = ctx.konfig
        konfig_sources[inp.root] = konfig_source
        if konfig_result is not None:
            diagnostics += konfig_result.diagnostics
            config_error |= any(d.is_error for d in konfig_result.diagnostics)
        others = [s for s in inp.sources if s is not konfig_source]
        results = _results(
            others,
            ctx,
            konfig_source.raw if konfig_source and konfig_source.raw else b"",
            inp.root,
            use_cache,
            jobs,
        )
        for source, res in zip(others, results, strict=True):
            diagnostics += res.diagnostics
            diagnostics += _placement(source, res)
            if res.facts is not None:
                index.append(Document(source, inp.root, res.facts))
    diagnostics += _resolve(cross.check(index, konfig_sources))
    documents = Counter(doc.facts.kind.split("/")[0] for doc in index)
    documents["konfig"] += sum(1 for k in konfigs.values() if k is not None)
    files = sum(len(inp.sources) for inp in inputs)
    return ValidationResult(
        sorted(set(diagnostics)),
        files,
        documents,
        [i.root for i in inputs],
        config_error,
        index,
        konfigs,
    )


def _konfig(inp: RootInput) -> tuple[Context, Source | None, FileResult | None]:
    source = next((s for s in inp.sources if s.relpath == discover.CONFIG_NAME), None)
    if source is None or source.raw is None:
        return context_for(None), source, _unreadable(source) if source else None
    result = process(source.raw, source.display, context_for(None))
    if result.facts is None or result.facts.kind != "konfig/1":
        result.diagnostics.append(
            Diagnostic(
                source.display,
                1,
                1,
                "ugyldig-konfig",
                Severity.ERROR,
                "ikros.yaml må være et dokument av typen `konfig/1`.",
                "Første nøkkel skal være `ikros: konfig/1`.",
            )
        )
        return context_for(None), source, result
    konfig = result.model if isinstance(result.model, Konfig) else None
    return context_for(konfig), source, result


def _unreadable(source: Source) -> FileResult:
    return FileResult(
        [
            Diagnostic(
                source.display,
                1,
                1,
                "kan-ikke-lese",
                Severity.ERROR,
                f"Filen kan ikke leses: {source.read_error}.",
            )
        ]
    )


def _results(
    sources: list[Source],
    ctx: Context,
    konfig_raw: bytes,
    root: Path,
    use_cache: bool,
    jobs: int | None,
) -> list[FileResult]:
    results: list[FileResult | None] = [None] * len(sources)
    keys: list[str | None] = [None] * len(sources)
    salt = context_key(konfig_raw)
    for i, source in enumerate(sources):
        if source.raw is None:
            results[i] = _unreadable(source)
        else:
            keys[i] = f"{salt}:{content_hash(source.raw)}"
    cache = ResultCache(root) if use_cache else None
    if cache is not None:
        hits = cache.get_many([k for k in keys if k is not None])
        for i, key in enumerate(keys):
            if key in hits:
                try:
                    results[i] = FileResult.from_json(hits[key], sources[i].display)
                except (KeyError, TypeError, ValueError):
                    results[i] = None  # a damaged entry is a miss
    todo = [i for i, r in enumerate(results) if r is None]
    fresh = _process_many([sources[i] for i in todo], ctx, jobs)
    for i, res in zip(todo, fresh, strict=True):
        results[i] = res
        if cache is not None and keys[i] is not None:
            cache.put(keys[i], res.to_json())
    if cache is not None:
        if todo:
            cache.flush(prune=True)
        cache.close()
    return [r for r in results if r is not None]


_WORKER_CTX: Context | None = None


def _init_worker(ctx: Context) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ctx


def _work(batch: list[tuple[bytes, str]]) -> list[FileResult]:
    assert _WORKER_CTX is not None
    out = []
    for raw, display in batch:
        res = process(raw, display, _WORKER_CTX)
        res.model = None  # models stay in the worker
        out.append(res)
    return out


def _process_many(sources: list[Source], ctx: Context, jobs: int | None) -> list[FileResult]:
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(sources) < PARALLEL_THRESHOLD:
        return [_drop_model(process(s.raw or b"", s.display, ctx)) for s in sources]
    batches = [
        [(s.raw or b"", s.display) for s in sources[i : i + _CHUNK]]
        for i in range(0, len(sources), _CHUNK)
    ]
    try:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(ctx,)
        ) as pool:
            return [res for batch in pool.map(_work, batches) for res in batch]
    except (OSError, RuntimeError):  # no processes to be had here: do it in this one
        return [_drop_model(process(s.raw or b"", s.display, ctx)) for s in sources]


def _drop_model(res: FileResult) -> FileResult:
    res.model = None
    return res


def _placement(source: Source, res: FileResult) -> list[Diagnostic]:
    """Path-dependent checks: where a document may stand."""
    top = source.relpath.split("/", 1)[0] if "/" in source.relpath else ""
    if res.facts is None:
        if top in ("ros", "internkontroll") and not res.diagnostics:
            return [
                Diagnostic(
                    source.display,
                    1,
                    1,
                    "ikke-ikros-dokument",
                    Severity.WARNING,
                    "Filen ligger blant dokumentene, men mangler `ikros:`-linjen og blir ikke lest.",
                    f"Start filen med `ikros: {top}/1`.",
                )
            ]
        return []
    if res.facts.kind == "konfig/1":
        return [
            Diagnostic(
                source.display,
                1,
                1,
                "konfig-feil-sted",
                Severity.ERROR,
                "Et dokument av typen `konfig/1` skal ligge i ikros.yaml i roten av repoet.",
                "Flytt innholdet til ikros.yaml, eller fjern filen.",
            )
        ]
    return []


def _resolve(pending: Iterable[cross.Pending]) -> list[Diagnostic]:
    """Positions for cross-document findings: one positional read per file."""
    by_source: dict[int, tuple[Source, list]] = {}
    for item in pending:
        by_source.setdefault(id(item.source), (item.source, []))[1].append(item.finding)
    out: list[Diagnostic] = []
    for source, findings in by_source.values():
        parsed = yamlio.read(source.raw or b"", source.display, positions=True)
        out += locate(findings, parsed.index, source.display)
    return out
