"""Click and Typer in bokmål: usage lines, help headings and error messages.

Click passes every text it prints through `gettext` (`from gettext import
gettext as _` and `ngettext` in each of its modules); Typer does the same,
and its rich help keeps its headings in module constants of
`typer.rich_utils`, translated once when that module is imported. `install`
puts this module's `gettext` and `ngettext` in place of Click's and
Typer's, and `rich_texts` sets Typer's constants (it imports
`typer.rich_utils`, which costs a quarter of ikros' start-up, so the command
line calls it only when help or an error is about to be printed).

The catalog holds every msgid of the Click and Typer releases ikros runs
on; a test reads their sources and fails on a msgid without a bokmål text.
Where a msgid is missing, the English text is printed (never a crash).
"""

from __future__ import annotations

import errno
import sys

# msgid → bokmål. Placeholders are kept as they are: Click formats them.
MESSAGES: dict[str, str] = {
    # Help
    "Usage:": "Bruk:",
    "Options": "Valg",
    "Arguments": "Argumenter",
    "Positional arguments": "Argumenter",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjelpen og avslutt.",
    "Show the version and exit.": "Vis versjonen og avslutt.",
    "%(prog)s, version %(version)s": "%(prog)s, versjon %(version)s",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljøvariabel: {var}",
    "required": "påkrevd",
    "(dynamic)": "(beregnes når kommandoen kjører)",
    "deprecated": "utgått",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    # Typer's rich help (typer.rich_utils)
    "(deprecated) ": "(utgått) ",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljøvariabel: {}]",
    "[required]": "[påkrevd]",
    "Error": "Feil",
    "Aborted.": "Avbrutt.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Skriv [blue]'{command_path} {help_option}'[/] for å få hjelp."
    ),
    # Errors in how a command was called
    "Error: {message}": "Feil: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' for å få hjelp.",
    "Aborted!": "Avbrutt.",
    "Missing command.": "Du må oppgi en kommando.",
    "Missing argument": "Du må oppgi",
    "Missing option": "Du må oppgi",
    "Missing parameter": "Du må oppgi",
    "Missing {param_type}": "Du må oppgi en verdi",
    "Missing parameter: {param_name}": "Du må oppgi {param_name}",
    "No such option {name!r}.": "Ukjent valg {name!r}.",
    "No such option: {name}": "Ukjent valg {name}.",  # Click 8.1
    "No such command {name!r}.": "Ukjent kommando {name!r}.",
    "Invalid value: {message}": "Ugyldig verdi: {message}",
    "Invalid value for {param_hint}: {message}": "Ugyldig verdi for {param_hint}: {message}",
    "unknown error": "ukjent feil",
    "Could not open file {filename!r}: {message}": "Kunne ikke åpne filen {filename!r}: {message}",
    "Option {name!r} does not take a value.": "Valget {name!r} tar ingen verdi.",
    "Argument {name!r} takes {nargs} values.": "{name!r} tar {nargs} verdier.",
    "Invalid start character for option ({option})": "Ugyldig første tegn i valget ({option})",
    "Value must be an iterable.": "Verdien må være en liste.",
    "Choose from:\n\t{choices}": "Velg blant:\n\t{choices}",
    "Choice({choices})": "Valg({choices})",
    "{value} is not in the range {range}.": "{value} er utenfor området {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} er verken ja eller nei. Gyldige verdier: {states}"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldig {number_type}.",
    "{value!r} is not a valid UUID.": "{value!r} er ikke en gyldig UUID.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finnes ikke.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke leses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives til.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan ikke kjøres.",
    "Unknown standard stream '{name}'": "Ukjent standardstrøm '{name}'",
    "Unknown color {colour!r}": "Ukjent farge {colour!r}",
    "Windows error: {error}": "Feil fra Windows: {error}",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Advarsel: Kommandoen {name!r} er utgått.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Advarsel: {name!r} er utgått.{extra_message}"
    ),
    # Prompts, the editor and the pager (ikros asks nothing, but they are Click's texts)
    "Do you want to continue?": "Vil du fortsette?",
    "Confirm the action without prompting.": "Bekreft uten å spørre.",
    "Repeat for confirmation": "Gjenta for å bekrefte",
    "Error: The two entered values do not match.": "Feil: De to verdiene er ikke like.",
    "Error: invalid input": "Feil: ugyldig svar",
    "Press any key to continue...": "Trykk en tast for å fortsette …",
    "{editor}: Editing failed": "{editor}: redigeringen mislyktes",
    "{editor}: Editing failed: {e}": "{editor}: redigeringen mislyktes: {e}",
    "d": "d",  # days, in a progress bar's time left
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Fant ikke versjonen av Bash; fullføring i skallet virker ikke."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Fullføring i skallet virker ikke med Bash eldre enn 4.4."
    ),
    # Mistakes in the definition of a command: errors in ikros, never in its use
    "Name '{name}' defined twice": "Navnet '{name}' er definert to ganger",
    "Could not determine name for option with declarations {decls!r}": (
        "Fant ikke navnet på valget i {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "Ingen valg er definert, men et navn ble gitt ({name}). Skulle det vært et argument, "
        "eller '--{name}'?"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Et argument skal ha nøyaktig ett navn, fikk {length}: {decls}."
    ),
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Ja/nei-valget {decl!r} kan ikke bruke samme flagg for ja og nei."
    ),
}

# (singular, plural) msgid → (singular, plural) in bokmål.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Uventet ekstra verdi: {args}.",
        "Uventede ekstra verdier: {args}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Mente du {possibility}?",
        "(Mente du en av disse: {possibilities}?)",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} er ikke et gyldig valg; det eneste valget er {choice}.",
        "{value!r} er ikke et gyldig valg; velg blant {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} er ikke skrevet på formen {format}.",
        "{value!r} er ikke skrevet på noen av formene {formats}.",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Valget {name!r} trenger en verdi.",
        "Valget {name!r} trenger {nargs} verdier.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Tar {nargs} verdier, men fikk 1.",
        "Tar {nargs} verdier, men fikk {len}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} verdier kreves, men fikk {len_value}.",
        "{len_type} verdier kreves, men fikk {len_value}.",
    ),
}

# Click's parameter types name themselves in help ("TEXT", "INTEGER") and
# in messages ("'x' is not a valid integer"); these names are not msgids.
TYPE_NAMES: dict[str, str] = {
    "StringParamType": "tekst",
    "IntParamType": "heltall",
    "FloatParamType": "desimaltall",
    "UUIDParameterType": "uuid",
    "DateTime": "dato",
    "Choice": "valg",
    "IntRange": "heltall",
    "FloatRange": "desimaltall",
    "File": "fil",
}

USAGE_OPTIONS = "[VALG]"
USAGE_COMMAND = "KOMMANDO [ARGUMENTER]..."


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    """Click and Typer print bokmål from now on (idempotent)."""
    import gettext as _gettext

    import click

    for name, module in list(sys.modules.items()):
        if module is None or not (name == "typer.core" or name.startswith("click")):
            continue
        if getattr(module, "_", None) is _gettext.gettext:
            module._ = gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is _gettext.ngettext:
            module.ngettext = ngettext  # type: ignore[attr-defined]
    for cls_name, word in TYPE_NAMES.items():
        cls = getattr(click.types, cls_name, None)
        if cls is not None:
            cls.name = word
    _keep_argument_help()
    if "typer.rich_utils" in sys.modules:
        rich_texts()


def rich_texts() -> None:
    """Typer's rich help and error panels in bokmål (idempotent)."""
    from typer import rich_utils

    for name, value in list(vars(rich_utils).items()):
        if name.isupper() and isinstance(value, str) and value in MESSAGES:
            setattr(rich_utils, name, MESSAGES[value])
    if not getattr(rich_utils._get_rich_console, "_reports_broken_pipe", False):
        rich_utils._get_rich_console = _reporting_broken_pipe(rich_utils._get_rich_console)
    usage = r"(?P<usage>Bruk: )"  # styled as Typer styles "Usage: "
    if usage not in rich_utils.OptionHighlighter.highlights:
        rich_utils.OptionHighlighter.highlights = [
            *rich_utils.OptionHighlighter.highlights,
            usage,
        ]


def _reporting_broken_pipe(get_console):
    """Typer's consoles, which Rich would have exit with 1 (findings) when
    the reader of the help has gone: the command line's guard reports it
    with exit 2 instead."""

    def raise_broken_pipe() -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def get(*args, **kwargs):
        console = get_console(*args, **kwargs)
        console.on_broken_pipe = raise_broken_pipe
        return console

    get._reports_broken_pipe = True  # type: ignore[attr-defined]
    return get


def _keep_argument_help() -> None:
    """Show the help texts of positional arguments. Typer before 0.20 sets
    `help` on its argument before calling Click's constructor, which (since
    Click 8.2 gave arguments a `help` of their own) sets it back to None."""
    from typer.core import TyperArgument

    original = TyperArgument.__init__
    if getattr(original, "_keeps_help", False):
        return

    def __init__(self, *args, help: str | None = None, **kwargs) -> None:
        original(self, *args, help=help, **kwargs)
        self.help = help

    __init__._keeps_help = True  # type: ignore[attr-defined]
    TyperArgument.__init__ = __init__  # type: ignore[method-assign]
