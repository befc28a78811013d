"""Every window action and documented key, declared once: text, keys, menu, where it applies.

The menus, their retranslation and the F1 list of keys are all built from these tables, so an
action cannot be missing from one of them (tests/test_ui_actions.py checks it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from okrdesk.vocabulary import Phase

Key = str | QKeySequence.StandardKey
StandardKey = QKeySequence.StandardKey


class Needs(Enum):
    """What must be there for an action to apply."""

    NOTHING = "nothing"
    PLAN = "plan"  # an open plan
    WORKSHOP = "workshop"  # a workshop on screen
    WRITABLE = "writable"  # a workshop on screen in a plan that may be changed


@dataclass(frozen=True)
class ActionSpec:
    """One action: ``id`` names it (``MainWindow.<id>_action``); ``text`` is its menu text in
    the "MainWindow" context; a page key (``pages``) is handled by those pages and is only
    listed in F1, with ``help`` in the "ShortcutsDialog" context."""

    id: str
    text: str
    keys: tuple[Key, ...] = ()
    needs: Needs = Needs.NOTHING
    pages: frozenset[Phase] = frozenset()
    # The F1 text where it differs from the menu text (always, for a page key).
    help: str | None = None
    # How F1 shows a long list of keys.
    keys_shown: str | None = None

    @property
    def in_menu(self) -> bool:
        return not self.pages

    def label(self) -> str:
        """The menu text in the current language."""
        return QCoreApplication.translate("MainWindow", self.text)

    def description(self) -> str:
        """What F1 says the keys do, in the current language."""
        if self.help is not None:
            return QCoreApplication.translate("ShortcutsDialog", self.help)
        return plain(self.label())

    def sequences(self) -> list[QKeySequence]:
        """The key sequences bound to the action."""
        found: list[QKeySequence] = []
        for key in self.keys:
            # A standard key: the platform's first binding (Ctrl+N, Cmd+N...), as Qt binds it.
            sequence = QKeySequence(key)
            if not sequence.isEmpty() and sequence not in found:
                found.append(sequence)
        return found

    def shown_keys(self) -> str:
        if self.keys_shown is not None:
            return self.keys_shown
        return " / ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in self.sequences()
        )


def plain(text: str) -> str:
    """A menu text as a list says it: "&Open…" and "打开(&O)…" read "Open" and "打开"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").removesuffix("…")


# Marks a text for lupdate and returns it unchanged (Qt's stub types it as object).
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)
PHASE_KEYS = tuple(f"Ctrl+{n}" for n in range(1, len(Phase) + 1))

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", QT_TRANSLATE_NOOP("MainWindow", "&New Plan…"), (StandardKey.New,)),
    ActionSpec("open", QT_TRANSLATE_NOOP("MainWindow", "&Open…"), (StandardKey.Open,)),
    ActionSpec(
        "copy",
        QT_TRANSLATE_NOOP("MainWindow", "Save a Copy &As…"),
        (StandardKey.SaveAs,),
        Needs.PLAN,
    ),
    ActionSpec(
        "import",
        QT_TRANSLATE_NOOP("MainWindow", "&Import Ideas and Participants…"),
        ("Ctrl+I",),
        Needs.WRITABLE,
    ),
    ActionSpec(
        "import_parent", QT_TRANSLATE_NOOP("MainWindow", "Import &Parent OKRs…"), (), Needs.WRITABLE
    ),
    ActionSpec(
        "publish_store",
        QT_TRANSLATE_NOOP("MainWindow", "Publish to Organisation &Store…"),
        (),
        Needs.WRITABLE,
    ),
    ActionSpec(
        "pull_store",
        QT_TRANSLATE_NOOP("MainWindow", "P&ull from Organisation Store…"),
        (),
        Needs.WRITABLE,
    ),
    ActionSpec("close", QT_TRANSLATE_NOOP("MainWindow", "&Close Plan"), ("Ctrl+W",), Needs.PLAN),
    ActionSpec("quit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), ("Ctrl+Q",)),
    ActionSpec("undo", QT_TRANSLATE_NOOP("MainWindow", "&Undo"), (StandardKey.Undo,), Needs.PLAN),
    ActionSpec(
        "redo", QT_TRANSLATE_NOOP("MainWindow", "&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), Needs.PLAN
    ),
    ActionSpec(
        "preferences",
        QT_TRANSLATE_NOOP("MainWindow", "&Preferences…"),
        (StandardKey.Preferences, "Ctrl+,"),
    ),
    ActionSpec(
        "new_workshop",
        QT_TRANSLATE_NOOP("MainWindow", "&New Workshop…"),
        ("Ctrl+Shift+W",),
        Needs.PLAN,
    ),
    ActionSpec(
        "carry_over",
        QT_TRANSLATE_NOOP("MainWindow", "Carry &Over from the Last Cycle…"),
        (),
        Needs.WRITABLE,
    ),
    ActionSpec(
        "next_phase",
        QT_TRANSLATE_NOOP("MainWindow", "Next Phase"),
        ("Ctrl+PgDown",),
        Needs.WRITABLE,
    ),
    ActionSpec(
        "previous_phase",
        QT_TRANSLATE_NOOP("MainWindow", "Previous Phase"),
        ("Ctrl+PgUp",),
        Needs.WRITABLE,
    ),
    # One action a phase, named after the phase (a person's OKRs go through four).
    ActionSpec(
        "phase",
        QT_TRANSLATE_NOOP("MainWindow", "Go to phase"),
        PHASE_KEYS,
        Needs.WRITABLE,
        help=QT_TRANSLATE_NOOP("ShortcutsDialog", "Go to a phase"),
        keys_shown=f"{PHASE_KEYS[0]} … {PHASE_KEYS[-1]}",
    ),
    ActionSpec(
        "alignment",
        QT_TRANSLATE_NOOP("MainWindow", "&Alignment Tree…"),
        ("Ctrl+Shift+L",),
        Needs.WORKSHOP,
    ),
    ActionSpec(
        "cascade",
        QT_TRANSLATE_NOOP("MainWindow", "&Cascade Board…"),
        ("Ctrl+Shift+D",),
        Needs.PLAN,
    ),
    ActionSpec("org_board", QT_TRANSLATE_NOOP("MainWindow", "Organisation &Board…")),
    ActionSpec("org_tree", QT_TRANSLATE_NOOP("MainWindow", "Organisation A&lignment Tree…")),
    ActionSpec(
        "review",
        QT_TRANSLATE_NOOP("MainWindow", "Progress &Review…"),
        ("Ctrl+R",),
        Needs.WORKSHOP,
    ),
    ActionSpec(
        "import_check_ins",
        QT_TRANSLATE_NOOP("MainWindow", "Import Chec&k-ins…"),
        (),
        Needs.WRITABLE,
    ),
    ActionSpec(
        "allhands",
        QT_TRANSLATE_NOOP("MainWindow", "All-&Hands Presentation…"),
        ("Ctrl+Shift+H",),
        Needs.WORKSHOP,
    ),
    ActionSpec(
        "retro",
        QT_TRANSLATE_NOOP("MainWindow", "Re&trospective…"),
        ("Ctrl+Shift+E",),
        Needs.WORKSHOP,
    ),
    ActionSpec(
        "room",
        QT_TRANSLATE_NOOP("MainWindow", "&Phones in the Room…"),
        ("Ctrl+Shift+R",),
        Needs.WORKSHOP,
    ),
    ActionSpec(
        "timer",
        QT_TRANSLATE_NOOP("MainWindow", "Start or Pause the Timer"),
        ("Ctrl+T",),
        Needs.WORKSHOP,
    ),
    ActionSpec(
        "more_time",
        QT_TRANSLATE_NOOP("MainWindow", "Add 5 Minutes"),
        ("Ctrl+Shift+T",),
        Needs.WRITABLE,
    ),
    ActionSpec(
        "projector", QT_TRANSLATE_NOOP("MainWindow", "Show or Hide the &Projector"), ("F5",)
    ),
    ActionSpec("blank", QT_TRANSLATE_NOOP("MainWindow", "&Blank the Projector"), ("Ctrl+B",)),
    ActionSpec(
        "freeze", QT_TRANSLATE_NOOP("MainWindow", "&Freeze the Projector"), ("Ctrl+Shift+B",)
    ),
    ActionSpec(
        "room_on_projector",
        QT_TRANSLATE_NOOP("MainWindow", "Show How to &Join on the Projector"),
        ("Ctrl+J",),
        Needs.WORKSHOP,
    ),
    # The facilitator turns the projector's pages (a long wall, a long reveal); no timer does.
    ActionSpec(
        "projector_next_page",
        QT_TRANSLATE_NOOP("MainWindow", "Next Page on the Projector"),
        ("Alt+PgDown",),
    ),
    ActionSpec(
        "projector_previous_page",
        QT_TRANSLATE_NOOP("MainWindow", "Previous Page on the Projector"),
        ("Alt+PgUp",),
    ),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("MainWindow", "Keyboard &Shortcuts"), ("F1",)),
    ActionSpec("about", QT_TRANSLATE_NOOP("MainWindow", "&About okrdesk")),
)

# Keys the pages handle themselves: listed in F1 with the page they work on.
PAGE_KEYS: tuple[ActionSpec, ...] = tuple(
    ActionSpec(f"page_{n}", "", (key,), pages=frozenset(pages), help=help_text)
    for n, (key, pages, help_text) in enumerate(
        (
            (
                "Return",
                {Phase.BRAINSTORM},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Brainstorm: add the typed idea"),
            ),
            (
                "F2",
                {Phase.BRAINSTORM, Phase.GROUP, Phase.SIGNOFF},
                QT_TRANSLATE_NOOP(
                    "ShortcutsDialog", "Edit the selected card, objective or key result"
                ),
            ),
            (
                "Del",
                {Phase.SETUP, Phase.BRAINSTORM, Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Delete the selection"),
            ),
            (
                "Ctrl+M",
                {Phase.BRAINSTORM, Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Merge the selected cards or objectives"),
            ),
            (
                "Ctrl+Return",
                {Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Group: make the selected card an objective"),
            ),
            (
                "M",
                {Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Group: move the selection to an objective"),
            ),
            (
                "S",
                {Phase.GROUP},
                QT_TRANSLATE_NOOP(
                    "ShortcutsDialog", "Group: split the selected cards and key results off"
                ),
            ),
            (
                "Ctrl+Shift+N",
                {Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Group: new objective"),
            ),
            (
                "Ctrl+K",
                {Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Group: add a key result"),
            ),
            (
                "Ctrl+L",
                {Phase.GROUP},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Group: align to a parent OKR"),
            ),
            (
                "+",
                {Phase.VOTE},
                QT_TRANSLATE_NOOP("ShortcutsDialog", "Vote: add or take back a dot"),
            ),
        )
    )
)

# The menu bar: each menu's title and its items, in order: an action id, SEPARATOR, or a
# submenu (its title and, for "phase", the phase actions; "recent" and "screens" are filled
# when they open).
SEPARATOR = "-"


@dataclass(frozen=True)
class MenuSpec:
    id: str
    title: str
    items: tuple[str, ...]


SUBMENUS: tuple[MenuSpec, ...] = (
    MenuSpec("recent", QT_TRANSLATE_NOOP("MainWindow", "Open &Recent"), ()),
    MenuSpec("phase", QT_TRANSLATE_NOOP("MainWindow", "Go to phase"), ("phase",)),
    MenuSpec("screen", QT_TRANSLATE_NOOP("MainWindow", "Projector &Screen"), ()),
)
MENUS: tuple[MenuSpec, ...] = (
    MenuSpec(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&File"),
        (
            "new",
            "open",
            "menu:recent",
            SEPARATOR,
            "copy",
            "import",
            "import_parent",
            SEPARATOR,
            "publish_store",
            "pull_store",
            SEPARATOR,
            "close",
            "quit",
        ),
    ),
    MenuSpec(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit"), ("undo", "redo", SEPARATOR, "preferences")
    ),
    MenuSpec(
        "workshop",
        QT_TRANSLATE_NOOP("MainWindow", "&Workshop"),
        (
            "new_workshop",
            "carry_over",
            SEPARATOR,
            "next_phase",
            "previous_phase",
            "menu:phase",
            "alignment",
            "cascade",
            "org_board",
            "org_tree",
            "review",
            "import_check_ins",
            "allhands",
            "retro",
            "room",
            SEPARATOR,
            "timer",
            "more_time",
        ),
    ),
    MenuSpec(
        "view",
        QT_TRANSLATE_NOOP("MainWindow", "&View"),
        (
            "projector",
            "blank",
            "freeze",
            "room_on_projector",
            "projector_next_page",
            "projector_previous_page",
            "menu:screen",
        ),
    ),
    MenuSpec("help", QT_TRANSLATE_NOOP("MainWindow", "&Help"), ("shortcuts", "about")),
)


def shortcut_rows() -> list[tuple[str, str]]:
    """The F1 list: (keys, what they do) for every action with keys, then the page keys."""
    return [(spec.shown_keys(), spec.description()) for spec in (*ACTIONS, *PAGE_KEYS) if spec.keys]


def spec(action_id: str) -> ActionSpec:
    return next(s for s in ACTIONS if s.id == action_id)
