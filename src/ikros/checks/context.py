"""What the checks of one document need to know about its repository."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikros.model.konfig import Konfig
from ikros.risk.methods import Matrix, build_matrix, method_findings, methods_for
from ikros.roles import Rolle


@dataclass(frozen=True)
class Context:
    konfig: Konfig | None
    matrices: dict[str, Matrix] = field(default_factory=dict)  # usable methods
    known_methods: tuple[str, ...] = ()  # usable or not, for messages

    @property
    def default_method(self) -> str:
        return self.konfig.standardmetode if self.konfig else "enhet-5x5"

    @property
    def ladder(self) -> tuple[str, ...]:
        """The steps of the authority ladder, lowest first."""
        # The built-in ladder until the konfig can give its own (`fullmakter`).
        return tuple(role.value for role in Rolle)

    @property
    def review_months(self) -> int:
        return self.konfig.revisjonsintervall if self.konfig else 12

    def informeres(self, ros_type: str) -> list[str]:
        if self.konfig is None:
            return []
        wanted: list[str] = []
        for key in ("alle", ros_type):
            for who in self.konfig.informeres.get(key, []):  # type: ignore[call-overload]
                if who not in wanted:
                    wanted.append(who)
        return wanted


def context_for(konfig: Konfig | None) -> Context:
    methods = methods_for(konfig)
    usable = {
        method_id: build_matrix(method)
        for method_id, (method, _) in methods.items()
        if not method_findings(method, ())
    }
    return Context(konfig, usable, tuple(methods))
