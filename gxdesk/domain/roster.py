"""The office's 名单: which units must report, and which unit a report's agency name stands for.

A name matches an entry when, folded (``names.canonical``), it equals the entry's name or one of
its aliases; or when one of the two carries a place prefix the other lacks and the rest is the
same and names one entry only (清河县市场监督管理局 ≈ 市场监管局). Anything else is not on the
名单; a name close to an entry is *suggested*, for the clerk to confirm (then remembered as an
alias of that entry, in the collection file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gxdesk.domain.names import GENERIC, agency_key, area_split, canonical, similarity
from gxdesk.domain.report import AgencyKind

SUGGEST_AT = 0.6  # similarity from which a name not on the 名单 is offered as a possible match


@dataclass(frozen=True)
class RosterEntry:
    """One unit of the office's 名单: its name, kind, and other names it goes by."""

    name: str
    kind: AgencyKind | None = None
    aliases: tuple[str, ...] = ()

    def folded(self) -> set[str]:
        return {canonical(n) for n in (self.name, *self.aliases) if agency_key(n)}


@dataclass
class Roster:
    entries: list[RosterEntry] = field(default_factory=list)
    # Names the clerk confirmed as a unit of the 名单 (report name → 名单 name), from the .gxc.
    confirmed: dict[str, str] = field(default_factory=dict)

    def entry(self, name: str) -> RosterEntry | None:
        key = canonical(name)
        return next((e for e in self.entries if canonical(e.name) == key), None)

    def match(self, agency: str) -> RosterEntry | None:
        """The unit an agency name stands for, or None when it is not (surely) on the 名单."""
        key = canonical(agency)
        if not key:
            return None
        for said, entry_name in self.confirmed.items():
            if canonical(said) == key:
                found = self.entry(entry_name)
                if found is not None:
                    return found
        exact = [e for e in self.entries if key in e.folded()]
        if exact:
            return exact[0]
        prefix, rest = area_split(key)
        if rest in GENERIC:
            return None
        loose = []
        for entry in self.entries:
            for other in entry.folded():
                other_prefix, other_rest = area_split(other)
                # The same unit with and without its place name; two different places never.
                if other_rest == rest and (not prefix or not other_prefix) and prefix != other_prefix:
                    loose.append(entry)
                    break
        return loose[0] if len(loose) == 1 else None

    def suggest(self, agency: str) -> RosterEntry | None:
        """The entry a name not on the 名单 most likely means, for the clerk to confirm."""
        if not agency_key(agency) or self.match(agency) is not None:
            return None
        scored = [(max(similarity(agency, n) for n in (e.name, *e.aliases)), e) for e in self.entries]
        scored = [s for s in scored if s[0] >= SUGGEST_AT]
        if not scored:
            return None
        best = max(s for s, _ in scored)
        top = [e for s, e in scored if s == best]
        return top[0] if len(top) == 1 else None
