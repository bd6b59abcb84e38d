"""Validating one or more repository roots as one kommune.

The hot paths are a warm run over ten thousand analyses (stat every file,
take every result from the cache) and a cold one (read, parse and check
every file in worker processes). So this module imports the models, the
YAML readers and the checks only when a file must really be processed,
and the main process never reads a file that a worker will read anyway.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ikros.checks import cross
from ikros.checks.facts import Facts
from ikros.deadlines import Deadline, overdue
from ikros.diagnostics import MAX_PER_FILE, Diagnostic, Severity, cap
from ikros.engine.result import FileResult
from ikros.load import discover
from ikros.load.cache import ResultCache, content_hash, context_key
from ikros.load.discover import Stat
from ikros.load.read import read_file
from ikros.oserrors import describe

if TYPE_CHECKING:
    from ikros.checks.context import Context

# Below this many files to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 150
_CHUNK = 64


@dataclass(slots=True)
class Source:
    """One file, wherever it comes from: a path on disk (read when needed)
    or bytes given directly (a git object)."""

    display: str  # the path shown in diagnostics
    relpath: str  # relative to its repository root, with forward slashes
    path: str | None = None
    raw: bytes | None = None
    stat: Stat | None = None  # as listed; None for bytes given directly
    read_error: str | None = None

    def read(self) -> bytes | None:
        if self.raw is None and self.path is not None and self.read_error is None:
            try:
                self.raw = read_file(self.path)
            except OSError as exc:
                self.read_error = describe(exc)
        return self.raw


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
    key: str | None = None  # its cache key, to fetch its deadlines when needed
    deadlines: list[Deadline] | None = None  # once loaded
    deadlines_json: str | None = None  # the same, still encoded (fresh results)

    @property
    def first_deadline(self) -> str | None:
        return self.facts.extra.get("første_frist")


@dataclass(slots=True)
class ValidationResult:
    diagnostics: list[Diagnostic]
    files: int
    documents: Counter[str]
    roots: list[Path]
    config_errors: list[Diagnostic]  # errors in a root's ikros.yaml
    # Every document of every root, for commands that build on validation.
    index: list[Document] = field(default_factory=list)
    # The displayed paths asked about, when PATHs narrowed the run.
    index_scope: set[str] | None = None
    # Paths asked about that hold no document and no finding.
    empty_paths: list[Path] = field(default_factory=list)

    def in_scope(self) -> list[Document]:
        if self.index_scope is None:
            return self.index
        return [d for d in self.index if d.source.display in self.index_scope]


@dataclass(frozen=True, slots=True)
class Settings:
    paths: tuple[Path, ...]
    cwd: Path
    use_cache: bool = True
    jobs: int | None = None
    today: dt.date | None = None  # for overdue checks; default today (or IKROS_TODAY)
    deadlines_until: dt.date | None = None  # load the deadlines up to here (`ikros due`)


def today_from_env() -> dt.date:
    """Today, or the date in IKROS_TODAY (to see what a run on that day says)."""
    value = os.environ.get("IKROS_TODAY")
    if not value:
        return dt.date.today()
    try:
        if len(value) == 10:  # ÅÅÅÅ-MM-DD, not the other forms fromisoformat takes
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    from ikros.errors import UserError
    from ikros.printable import visible

    raise UserError(
        f"IKROS_TODAY må være en dato på formen ÅÅÅÅ-MM-DD, for eksempel 2026-12-31; "
        f"fant «{visible(value)}». Fjern variabelen for å bruke dagens dato."
    )


def sources_from_disk(root: Path, cwd: Path) -> RootInput:
    files, problems = discover.walk(root, cwd)
    sources = [Source(f.display, f.relpath, f.path, None, f.stat) for f in files]
    return RootInput(root, sources, problems)


def run(settings: Settings) -> ValidationResult:
    """Validate the repositories that hold `settings.paths`."""
    # Tens of thousands of small, acyclic results: the cyclic collector would
    # scan them again and again (a tenth of a warm run) and free nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(settings)
    finally:
        if collecting:
            gc.enable()


def _run(settings: Settings) -> ValidationResult:
    targets = [
        p if p.is_absolute() else settings.cwd / p for p in settings.paths or (settings.cwd,)
    ]
    roots: list[Path] = []
    for target in targets:
        # The repository that holds a path as written: a link out of it is
        # then reported as in a run over the whole repository, not followed.
        root = discover.find_root(target, follow_links=False)
        if root not in roots:
            roots.append(root)
    inputs = [sources_from_disk(root, settings.cwd) for root in roots]
    result = check(
        inputs,
        use_cache=settings.use_cache,
        jobs=settings.jobs,
        today=settings.today or today_from_env(),
        deadlines_until=settings.deadlines_until,
    )
    scope = [t.resolve() for t in targets]
    if not settings.paths or all(t in roots for t in scope):
        return result  # whole repositories, wherever in them we stand
    keep = {
        s.display for inp in inputs for s in inp.sources if _in_scope(inp.root, s.relpath, scope)
    }
    keep |= {d.path for d in result.diagnostics if _under(settings.cwd / d.path, scope)}
    konfigs = {
        s.display for inp in inputs for s in inp.sources if s.relpath == discover.CONFIG_NAME
    }
    # Errors in ikros.yaml concern every document: they are always shown.
    result.diagnostics = [d for d in result.diagnostics if d.path in keep or d.path in konfigs]
    result.index_scope = keep
    result.files = len({s.display for inp in inputs for s in inp.sources} & keep)
    # The summary counts what was asked about; the index keeps everything.
    result.documents = Counter(
        d.facts.kind.split("/")[0] for d in result.index if d.source.display in keep
    )
    result.documents["konfig"] += sum(
        1
        for inp in inputs
        for s in inp.sources
        if s.relpath == discover.CONFIG_NAME and s.display in keep
    )
    result.empty_paths = [
        path
        for path, target in zip(settings.paths, scope, strict=True)
        if not _yields_anything(result, inputs, target, settings.cwd)
    ]
    return result


def _yields_anything(
    result: ValidationResult, inputs: list[RootInput], target: Path, cwd: Path
) -> bool:
    """Whether a path asked about holds a document or an error: a path that
    holds neither (an empty folder, a YAML file that is not a document, a
    FIFO or an empty file, which only get a warning) must not pass as
    checked and clean."""
    konfigs = [inp.root / discover.CONFIG_NAME for inp in inputs]
    return (
        any(_in_scope(d.root, d.source.relpath, [target]) for d in result.index)
        or any(k == target or target in k.parents for k in konfigs)
        or any(_under(cwd / d.path, [target]) for d in result.diagnostics if d.is_error)
    )


def _in_scope(root: Path, relpath: str, scope: list[Path]) -> bool:
    """Whether a file lies under one of the (resolved) scope paths, by
    string comparison: resolving ten thousand paths costs seconds."""
    path = os.path.join(str(root.resolve()), relpath)
    return any(path == str(s) or path.startswith(str(s).rstrip(os.sep) + os.sep) for s in scope)


def _under(path: Path, scope: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == s or s in resolved.parents for s in scope)


def check(
    inputs: list[RootInput],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    today: dt.date | None = None,
    deadlines_until: dt.date | None = None,
) -> ValidationResult:
    """Validate roots given as sources: the core of `ikros validate`."""
    today = today or dt.date.today()
    until = max(today, deadlines_until or today).isoformat()
    diagnostics: list[Diagnostic] = []
    index: list[Document] = []
    config_errors: list[Diagnostic] = []
    konfig_sources: dict[Path, Source | None] = {}
    hidden: dict[str, int] = {}  # path → diagnostics its result left out
    for inp in inputs:
        diagnostics += inp.problems
        config_errors += [d for d in inp.problems if d.code == discover.KONFIG_OUTSIDE]
        cache = ResultCache(inp.root) if use_cache else None
        konfig_source = next((s for s in inp.sources if s.relpath == discover.CONFIG_NAME), None)
        konfig_sources[inp.root] = konfig_source
        konfig_raw = konfig_source.read() if konfig_source else None
        contexts = _Contexts(konfig_raw)
        if konfig_source is not None:
            konfig_result, fresh = _konfig_result(konfig_source, konfig_raw, cache)
            if fresh:
                contexts.known(konfig_result.model)
            diagnostics += konfig_result.diagnostics
            if konfig_result.hidden:
                hidden[konfig_source.display] = konfig_result.hidden
            config_errors += [d for d in konfig_result.diagnostics if d.is_error]
        others = [s for s in inp.sources if s is not konfig_source]
        salt = context_key(konfig_raw or b"")
        results = _results(others, contexts.get, salt, cache, jobs)
        docs = []
        for source, (res, key) in zip(others, results, strict=True):
            if not _ours(source, res):
                continue
            diagnostics += res.diagnostics
            diagnostics += _placement(source, res)
            if res.hidden:
                hidden[source.display] = res.hidden
            if res.facts is not None:
                docs.append(Document(source, inp.root, res.facts, key, None, res.deadlines_json))
        _load_deadlines(docs, cache, until, contexts.get)
        index += docs
        if cache is not None:
            cache.close()
    late = overdue(index, today)
    diagnostics += _resolve([*cross.check(index, konfig_sources), *late])
    documents = Counter(doc.facts.kind.split("/")[0] for doc in index)
    documents["konfig"] += sum(
        1 for s in konfig_sources.values() if s is not None and s.raw is not None
    )
    files = sum(len(inp.sources) for inp in inputs)
    return ValidationResult(
        _per_file(diagnostics, hidden),
        files,
        documents,
        [i.root for i in inputs],
        config_errors,
        index,
    )


def _per_file(diagnostics: list[Diagnostic], hidden: dict[str, int]) -> list[Diagnostic]:
    """Sorted, and at most MAX_PER_FILE per file: the findings across
    documents and the overdue deadlines join a file's own, which were cut
    already where there were too many. A file's closing diagnostic is its
    last, even where it shares a position with the ones before it."""
    ordered = sorted(set(diagnostics))
    counts = Counter(d.path for d in ordered)
    if not hidden and all(n <= MAX_PER_FILE for n in counts.values()):
        return ordered  # the common case
    by_path: dict[str, list[Diagnostic]] = {}
    for d in ordered:
        by_path.setdefault(d.path, []).append(d)
    return [d for path, ds in by_path.items() for d in cap(ds, hidden.get(path, 0))[0]]


def _load_deadlines(
    docs: list[Document], cache: ResultCache | None, until: str, context: Callable[[], Context]
) -> None:
    """Load the deadlines of the documents that have one by `until` (most
    documents have none that soon, and are not touched). A document whose
    cached deadlines are missing or malformed is checked again: a deadline
    is never dropped silently."""
    wanted = [
        d for d in docs if d.deadlines is None and d.first_deadline and d.first_deadline <= until
    ]
    raw: dict[int, Any] = {
        id(d): json.loads(d.deadlines_json) if d.deadlines_json is not None else None
        for d in wanted
    }
    missing = [d for d in wanted if raw[id(d)] is None and d.key]
    if missing and cache is not None:
        found = cache.get_many([f"{d.key}:frister" for d in missing])
        for doc in missing:
            raw[id(doc)] = found.get(f"{doc.key}:frister")
    for doc in wanted:
        doc.deadlines = _decode_deadlines(raw[id(doc)])
        if doc.deadlines is None:
            _, fresh = _one((doc.source.display, doc.source.path, doc.source.raw), context())
            fresh_raw = json.loads(fresh.deadlines_json) if fresh.deadlines_json else []
            doc.deadlines = _decode_deadlines(fresh_raw) or []


def _decode_deadlines(items: Any) -> list[Deadline] | None:
    if not isinstance(items, list):
        return None
    try:
        return [Deadline.from_json(item) for item in items]
    except (TypeError, ValueError, KeyError):
        return None  # a damaged cache entry


class _Contexts:
    """The checks' context for one root, built only when a file needs it."""

    def __init__(self, konfig_raw: bytes | None):
        self._raw = konfig_raw
        self._ctx: Context | None = None
        self._model: Any = None  # the Konfig, when this run has built it
        self._known = False  # whether this run has checked the konfig (valid or not)

    def known(self, model: Any) -> None:
        """The konfig's model as this run checked it; None if it is invalid."""
        self._model, self._known = model, True

    def get(self) -> Context:
        if self._ctx is None:
            from ikros.checks.context import context_for
            from ikros.engine.document import process
            from ikros.model.konfig import Konfig

            konfig = self._model
            if not self._known and self._raw is not None:  # its result came from the cache
                konfig = process(self._raw, discover.CONFIG_NAME, context_for(None)).model
            self._ctx = context_for(konfig if isinstance(konfig, Konfig) else None)
        return self._ctx


def konfig_context(root: Path, cwd: Path) -> tuple[Context, list[Diagnostic]]:
    """The checks' context of a repository, and the errors in its ikros.yaml
    (commands that act on one analysis refuse to act on a broken konfig)."""
    from ikros.checks.context import context_for
    from ikros.model.konfig import Konfig

    path = root / discover.CONFIG_NAME
    display = discover.shown(discover.display_path(str(path), str(cwd)))
    if problem := discover.konfig_link_problem(root, display):
        return context_for(None), [problem]
    source = Source(display, discover.CONFIG_NAME, str(path))
    raw = source.read()
    if raw is None:
        return context_for(None), _unreadable(source.display, source.read_error).diagnostics
    result = _check_konfig(source, raw)
    errors = [d for d in result.diagnostics if d.is_error]
    konfig = result.model if isinstance(result.model, Konfig) and not errors else None
    return context_for(konfig), errors


def _konfig_result(
    source: Source, raw: bytes | None, cache: ResultCache | None
) -> tuple[FileResult, bool]:
    """The konfig's result, and whether this run checked it (rather than
    found it in the cache or could not read it)."""
    if raw is None:
        return _unreadable(source.display, source.read_error), False
    key = f"konfig:{context_key(b'konfig')}:{content_hash(raw)}"
    if cache is not None and (hit := cache.get_many([key]).get(key)) is not None:
        try:
            return FileResult.from_json(hit, source.display), False
        except ValueError:  # a malformed entry is a miss
            pass
    result = _check_konfig(source, raw)
    if cache is not None:
        cache.put(key, result.to_json())
    return result, True


def _check_konfig(source: Source, raw: bytes) -> FileResult:
    from ikros.checks.context import context_for
    from ikros.engine.document import process
    from ikros.model.konfig import Konfig

    result = process(raw, source.display, context_for(None))
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
        return result
    konfig = result.model if isinstance(result.model, Konfig) else None
    if konfig is not None:  # now with its own methods known
        result = process(raw, source.display, context_for(konfig))
    return result


def _unreadable(display: str, reason: str | None) -> FileResult:
    return FileResult(
        [
            Diagnostic(
                display,
                1,
                1,
                "ulesbar",
                Severity.ERROR,
                f"Filen kan ikke leses: {reason or 'ukjent årsak'}. Den blir ikke sjekket.",
                "Sjekk at filen finnes og at den som kjører ikros, har lesetilgang.",
            )
        ]
    )


def _results(
    sources: list[Source],
    context: Callable[[], Context],
    salt: str,
    cache: ResultCache | None,
    jobs: int | None,
) -> list[tuple[FileResult, str | None]]:
    results: list[FileResult | None] = [None] * len(sources)
    digests: list[str | None] = [None] * len(sources)
    if cache is not None:
        known = cache.known_hashes()
        for i, source in enumerate(sources):
            entry = known.get(source.path or "")
            if source.raw is None and entry and entry[1] and entry[0] == source.stat:
                digests[i] = entry[1]  # unchanged since it was hashed: not read again
            elif source.raw is not None or (known and source.read() is not None):
                # With an empty index nothing can hit: the workers read the files.
                digests[i] = content_hash(source.raw or b"")
        hits = cache.get_many([f"{salt}:{d}" for d in digests if d is not None])
        for i, digest in enumerate(digests):
            hit = hits.get(f"{salt}:{digest}") if digest is not None else None
            if hit is not None:
                try:
                    results[i] = FileResult.from_json(hit, sources[i].display)
                except ValueError:  # a malformed entry is a miss
                    results[i] = None
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        fresh = _process_many([sources[i] for i in todo], context(), jobs)
        for i, (digest, res) in zip(todo, fresh, strict=True):
            source = sources[i]
            results[i] = res
            digests[i] = digest
            if cache is not None and digest is not None:
                cache.put_encoded(f"{salt}:{digest}", res.encoded or res.encode())
                if res.deadlines_json:
                    cache.put_encoded(f"{salt}:{digest}:frister", res.deadlines_json)
                if source.path is not None and source.stat is not None:
                    cache.record(source.path, source.stat, digest)
    if cache is not None:
        cache.flush(prune=bool(todo))
    keys = [f"{salt}:{d}" if d is not None else None for d in digests]
    return [(r, k) for r, k in zip(results, keys, strict=True) if r is not None]


# --- processing, in this process or in workers ---------------------------

_WORKER_CTX: Context | None = None


def _init_worker(ctx: Context) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ctx
    # Each file makes thousands of short-lived objects and no cycles worth
    # chasing; a worker lives for one run. Reference counting frees them.
    gc.disable()


Job = tuple[str, str | None, bytes | None]  # display, path, bytes


def _one(job: Job, ctx: Context) -> tuple[str | None, FileResult]:
    from ikros.engine.document import process

    display, path, raw = job
    if raw is None and path is not None:
        try:
            raw = read_file(path)
        except OSError as exc:
            return None, _unreadable(display, describe(exc))
    if raw is None:
        return None, _unreadable(display, None)
    res = process(raw, display, ctx)
    res.model = None  # models stay where they were made
    res.encode()  # here, in parallel, rather than in the main process
    return content_hash(raw), res


def _work(batch: list[Job]) -> list[tuple[str | None, FileResult]]:
    assert _WORKER_CTX is not None
    return [_one(job, _WORKER_CTX) for job in batch]


def _process_many(
    sources: list[Source], ctx: Context, jobs: int | None
) -> list[tuple[str | None, FileResult]]:
    work: list[Job] = [(s.display, s.path, s.raw) for s in sources]
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers > 1 and len(work) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        batches = [work[i : i + _CHUNK] for i in range(0, len(work), _CHUNK)]
        try:
            with ProcessPoolExecutor(
                max_workers=workers, initializer=_init_worker, initargs=(ctx,)
            ) as pool:
                return [item for batch in pool.map(_work, batches) for item in batch]
        except (OSError, RuntimeError):
            pass  # no processes to be had here: do the work in this one
    return [_one(job, ctx) for job in work]


# --- after the per-file work ----------------------------------------------


# The folders FORMAT.md gives to documents: a YAML file there is a document.
DOCUMENT_FOLDERS = {
    "ros": "ros/1",
    "internkontroll": "internkontroll/1",
    "tiltak": "tiltaksplan/1",
    "beredskap": "beredskapsplan/1",
}
_ROOT_DOCUMENTS = (discover.CONFIG_NAME, "organisasjon.yaml")
# Findings of the scans that run on any readable text: with only these, a
# file without a header was read and is simply not a document.
_TEXT_SCAN_CODES = frozenset(
    {
        "bom",
        "usynlig-tegn",
        "personnummer",
        "telefonnummer",
        "ukjent-kode-i-ignorer",
        "ignorer-uten-funn",
    }
)


def _document_folder(relpath: str) -> str | None:
    top, sep, _ = relpath.partition("/")
    return top if sep and top in DOCUMENT_FOLDERS else None


def _ours(source: Source, res: FileResult) -> bool:
    """Whether a file's problems are ikros's business. FORMAT.md: files
    without an `ikros:` key are not documents and are ignored. A file that
    could not be read as a document is still ours inside the document
    folders, at the two root documents, and wherever it starts with
    `ikros:`; elsewhere (mkdocs.yml, CI files) it is left alone."""
    if res.facts is not None or not res.diagnostics:
        return True
    if _document_folder(source.relpath) or source.relpath in _ROOT_DOCUMENTS:
        return True
    if any(d.code == "mangler-ikros-linje" for d in res.diagnostics):
        return True
    raw = source.raw if source.raw is not None else b""
    if not raw and source.path:
        try:
            raw = read_file(source.path)
        except OSError:
            return True
    return raw.lstrip(b"\xef\xbb\xbf").startswith(b"ikros:") or b"\nikros:" in raw


def _placement(source: Source, res: FileResult) -> list[Diagnostic]:
    """Path-dependent checks: where a document may stand."""
    if res.facts is not None and res.facts.kind != "konfig/1":
        return []  # the common case, ten thousand times a run
    if res.facts is None:
        folder = _document_folder(source.relpath)
        if folder and all(d.code in _TEXT_SCAN_CODES for d in res.diagnostics):
            return [
                Diagnostic(
                    source.display,
                    1,
                    1,
                    "ikke-ikros-dokument",
                    Severity.ERROR,
                    f"Filen ligger i `{folder}/`, men mangler `ikros:`-linjen; derfor blir "
                    "innholdet ikke sjekket og kommer ikke med i frister og rapporter.",
                    f"Start filen med `ikros: {DOCUMENT_FOLDERS[folder]}`, eller flytt den ut "
                    f"av `{folder}/` hvis den ikke er et ikros-dokument.",
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
                "Et dokument av typen `konfig/1` skal ligge i ikros.yaml, øverst i mappen.",
                "Flytt innholdet til ikros.yaml, eller fjern filen.",
            )
        ]
    return []


def _resolve(pending: Iterable[cross.Pending]) -> list[Diagnostic]:
    """Positions for cross-document findings: one positional read per file."""
    by_source: dict[int, tuple[Any, list]] = {}
    for item in pending:
        by_source.setdefault(id(item.source), (item.source, []))[1].append(item.finding)
    if not by_source:
        return []
    from ikros.engine.document import locate
    from ikros.load import yamlio

    out: list[Diagnostic] = []
    for source, findings in by_source.values():
        parsed = yamlio.read(source.read() or b"", source.display, positions=True)
        out += locate(findings, parsed.index, source.display)
    return out
