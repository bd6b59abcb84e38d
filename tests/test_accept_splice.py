"""`accept` on bytes, with the whole resulting text compared: where the
block goes, what it replaces, what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from ikros.checks.context import context_for
from ikros.risk import accept as accept_mod
from ikros.risk.accept import Acceptance, AcceptError, accept
from ikros.risk.fingerprint import fingerprint
from ikros.roles import Rolle

CTX = context_for(None)  # enhet-5x5: rød needs kommunalområdedirektør, the others enhetsleder

HEAD = """\
ikros: ros/1
id: ROS-1
tittel: T
type: generell
omfang_type: tjenestespesifikk
enhet: e
status: utkast
klassifisering: intern
eier: {rolle: enhetsleder}
dato: 2026-03-01
formål: F
omfang: O
hendelser:
"""
RED = """\
  - id: H1
    tittel: Brann
    sannsynlighet: 5
    konsekvens: {liv_og_helse: 5}
    begrunnelse: B
"""
GREEN = """\
  - id: H2
    tittel: Glemt passord
    sannsynlighet: 1
    konsekvens: {omdømme: 1}
    begrunnelse: B
"""


def request(hendelse: str = "H1", rolle: Rolle = Rolle.KOMMUNEDIREKTØR, **more) -> Acceptance:
    return Acceptance(hendelse, "Kari", rolle, dt.date(2026, 11, 20), **more)


def mark(text: str, hendelse: str) -> str:
    from ikros.load import yamlio
    from ikros.model.ros import Ros

    ros = Ros.model_validate(yamlio.read(text.encode(), "a.yaml").data)
    return fingerprint(next(h for h in ros.hendelser if h.id == hendelse))


def block(fp: str, indent: str = "    ") -> str:
    return (
        f"{indent}aksept:\n{indent}  av: {{navn: Kari, rolle: kommunedirektør}}\n"
        f"{indent}  dato: 2026-11-20\n{indent}  fingeravtrykk: {fp}\n"
    )


def test_inserted_at_the_end_of_the_hendelse_before_blank_lines_and_comments() -> None:
    text = HEAD + RED + "\n    # om H2\n\n" + GREEN + "# slutt\n"
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == (
        HEAD + RED + block(mark(text, "H1")) + "\n    # om H2\n\n" + GREEN + "# slutt\n"
    )
    assert (done.zone, done.needed, done.replaced) == ("rød", Rolle.KOMMUNALOMRÅDEDIREKTØR, False)
    assert done.fingerprint == mark(text, "H1")


def test_inserted_into_the_last_hendelse_before_a_closing_comment() -> None:
    text = HEAD + RED + GREEN + "\n# slutt\n"
    done = accept(text.encode(), "a.yaml", CTX, request("H2"))
    assert done.text.decode() == HEAD + RED + GREEN + block(mark(text, "H2")) + "\n# slutt\n"
    assert (done.zone, done.needed) == ("grønn", None)


def test_inserted_after_a_nested_last_key() -> None:
    nested = (
        RED + "    tiltak:\n      - id: T1\n        beskrivelse: Alarm\n        status: planlagt\n"
    )
    text = HEAD + nested + GREEN
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == HEAD + nested + block(mark(text, "H1")) + GREEN


def test_a_file_without_a_final_line_break() -> None:
    text = HEAD + RED.rstrip("\n")
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == HEAD + RED + block(mark(text, "H1"))
    crlf = text.replace("\n", "\r\n")
    done = accept(crlf.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == (HEAD + RED + block(mark(text, "H1"))).replace("\n", "\r\n")


OLD = """\
    aksept:
      av: {rolle: enhetsleder}
      dato: 2026-01-01
      fingeravtrykk: gammel

      # en kommentar etter aksepten
"""


@pytest.mark.parametrize("after", ["", "    usikkerhet: lav\n", "  # neste\n" + GREEN])
def test_an_old_acceptance_is_replaced_and_what_follows_stays(after: str) -> None:
    text = HEAD + RED + OLD + after
    done = accept(text.encode(), "a.yaml", CTX, request())
    new = block(mark(text, "H1")) + "\n      # en kommentar etter aksepten\n"
    assert done.text.decode() == HEAD + RED + new + after
    assert done.replaced is True


def test_an_acceptance_with_its_options() -> None:
    text = HEAD + RED
    done = accept(
        text.encode(),
        "a.yaml",
        CTX,
        request(gjelder_til=dt.date(2027, 11, 20), begrunnelse="Kostnad: for høy"),
    )
    fp = mark(text, "H1")
    assert done.text.decode() == HEAD + RED + (
        "    aksept:\n      av: {navn: Kari, rolle: kommunedirektør}\n      dato: 2026-11-20\n"
        '      begrunnelse: "Kostnad: for høy"\n      gjelder_til: 2027-11-20\n'
        f"      fingeravtrykk: {fp}\n"
    )


def test_an_end_date_must_be_after_the_acceptance() -> None:
    text = (HEAD + RED).encode()
    for day in (dt.date(2026, 11, 20), dt.date(2026, 11, 19)):
        with pytest.raises(AcceptError, match="`--til` må være etter datoen for aksepten"):
            accept(text, "a.yaml", CTX, request(gjelder_til=day))
    accept(text, "a.yaml", CTX, request(gjelder_til=dt.date(2026, 11, 21)))


@pytest.mark.parametrize(
    ("hendelse", "rolle", "refused"),
    [
        ("H1", Rolle.ENHETSLEDER, True),
        ("H1", Rolle.KOMMUNALOMRÅDEDIREKTØR, False),
        ("H2", Rolle.MEDARBEIDER, True),  # the zone's own role, though no acceptance is needed
        ("H2", Rolle.ENHETSLEDER, False),
    ],
)
def test_the_role_must_reach_the_zone(hendelse: str, rolle: Rolle, refused: bool) -> None:
    text = (HEAD + RED + GREEN).encode()
    if refused:
        with pytest.raises(AcceptError, match="kan ikke akseptere restrisiko i sonen"):
            accept(text, "a.yaml", CTX, request(hendelse, rolle))
    else:
        accept(text, "a.yaml", CTX, request(hendelse, rolle))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"ikros: [", "kan ikke leses som YAML"),
        (b"- ikros: ros/1\n", "kan ikke leses som YAML"),
        (b"ikros: internkontroll/1\nid: X\n", "er ikke en ROS-analyse"),
        ((HEAD + RED).replace("dato: 2026-03-01", "dato: i fjor").encode(), "har skjemafeil"),
        ((HEAD + RED).replace("liv_og_helse: 5", "liv_og_helse: 6").encode(), "utenfor metodens"),
        (
            (HEAD.replace("hendelser:", "metode: egen\nhendelser:") + RED).encode(),
            "Metoden `egen` finnes ikke",
        ),
    ],
)
def test_what_cannot_be_accepted(text: bytes, message: str) -> None:
    with pytest.raises(AcceptError, match=message):
        accept(text, "a.yaml", CTX, request())


def test_a_splice_that_would_change_anything_else_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The read-back check: a splice gone wrong never reaches the file."""
    text = (HEAD + RED + GREEN).encode()
    real = accept_mod._splice

    def careless(*args):
        spliced, replaced = real(*args)
        return spliced.replace("tittel: Glemt passord", "tittel: Glemt"), replaced

    monkeypatch.setattr(accept_mod, "_splice", careless)
    with pytest.raises(AcceptError, match="uten å endre noe annet"):
        accept(text, "a.yaml", CTX, request())

    def broken(*args):
        spliced, replaced = real(*args)
        return spliced + "  - [\n", replaced

    monkeypatch.setattr(accept_mod, "_splice", broken)
    with pytest.raises(AcceptError, match="uten å endre noe annet"):
        accept(text, "a.yaml", CTX, request())


@pytest.mark.parametrize(
    ("text", "ending"),
    [
        ("a\r\nb", "\r\n"),
        ("a\rb", "\r"),
        ("a\nb", "\n"),
        ("ab", "\n"),
        ("a\nb\r\nc\r\nd", "\r\n"),
        ("a\r\nb\n", "\n"),  # a tie: the first of LF, CRLF, CR
        ("a\rb\r\n", "\r\n"),
    ],
)
def test_the_most_common_line_ending(text: str, ending: str) -> None:
    assert accept_mod._most_common_ending(text) == ending


def test_content_lines() -> None:
    assert accept_mod._is_content("  id: H1\n")
    assert not accept_mod._is_content("   \n")
    assert not accept_mod._is_content("  # note\n")
    assert not accept_mod._is_content("")


def test_a_byte_order_mark_is_kept() -> None:
    text = HEAD + RED
    done = accept(b"\xef\xbb\xbf" + text.encode(), "a.yaml", CTX, request())
    assert done.text == b"\xef\xbb\xbf" + (text + block(mark(text, "H1"))).encode()


def test_without_a_name_only_the_role() -> None:
    text = HEAD + RED
    done = accept(
        text.encode(),
        "a.yaml",
        CTX,
        Acceptance("H1", None, Rolle.KOMMUNEDIREKTØR, dt.date(2026, 11, 20)),
    )
    assert done.text.decode() == HEAD + RED + block(mark(text, "H1")).replace(
        "{navn: Kari, rolle: kommunedirektør}", "{rolle: kommunedirektør}"
    )


def test_an_old_block_with_blank_lines_and_comments_inside_is_replaced_whole() -> None:
    old = (
        "    aksept:\n      av: {rolle: enhetsleder}\n\n      # hvem\n"
        "      dato: 2026-01-01\n      fingeravtrykk: gammel\n"
    )
    text = HEAD + RED + old + GREEN
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == HEAD + RED + block(mark(text, "H1")) + GREEN


def test_a_one_line_old_block_and_what_follows_it() -> None:
    old = "    aksept: {av: {rolle: enhetsleder}, dato: 2026-01-01}\n\n    # etter\n"
    text = HEAD + RED + old + GREEN
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == HEAD + RED + block(mark(text, "H1")) + "\n    # etter\n" + GREEN
    text = HEAD + RED + "    aksept: {av: {rolle: enhetsleder}, dato: 2026-01-01}\n" + GREEN
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == HEAD + RED + block(mark(text, "H1")) + GREEN


def test_in_a_mixed_file_the_block_takes_the_ending_of_the_line_it_follows() -> None:
    # replacing: the `aksept:` line ends in CRLF, most lines in LF
    text = HEAD + RED + OLD.replace("    aksept:\n", "    aksept:\r\n")
    done = accept(text.encode(), "a.yaml", CTX, request())
    new = block(mark(text, "H1")).replace("\n", "\r\n")
    assert done.text.decode() == HEAD + RED + new + "\n      # en kommentar etter aksepten\n"
    # inserting: the hendelse's last line ends in CRLF, the one before in LF
    text = HEAD + RED.replace("begrunnelse: B\n", "begrunnelse: B\r\n") + GREEN
    done = accept(text.encode(), "a.yaml", CTX, request())
    assert done.text.decode() == (
        HEAD
        + RED.replace("begrunnelse: B\n", "begrunnelse: B\r\n")
        + block(mark(text, "H1")).replace("\n", "\r\n")
        + GREEN
    )
