"""The app's own preferences: language, recent plans, the workshop each plan was left on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from okrdesk.paths import data_dir

MAX_RECENT = 8


class AppSettings:
    """Stored in an INI file in okrdesk's data folder (never in the plan file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "settings.ini"
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def language(self) -> str | None:
        value = self._store.value("ui/language")
        return str(value) if value else None

    def set_language(self, language: str) -> None:
        self._store.setValue("ui/language", language)
        self._store.sync()

    def recent_plans(self) -> list[Path]:
        value = self._store.value("plans/recent") or []
        items = [value] if isinstance(value, str) else list(value)
        return [Path(item) for item in items if item]

    def add_recent_plan(self, path: Path) -> None:
        path = path.resolve()
        plans = [path] + [p for p in self.recent_plans() if p != path]
        self._store.setValue("plans/recent", [str(p) for p in plans[:MAX_RECENT]])
        self._store.sync()

    def last_plan(self) -> Path | None:
        value = self._store.value("plans/last")
        return Path(str(value)) if value else None

    def set_last_plan(self, path: Path | None) -> None:
        self._store.setValue("plans/last", "" if path is None else str(path.resolve()))
        self._store.sync()

    def last_workshop(self, plan: Path) -> int | None:
        value = self._store.value(f"workshops/{_key(plan)}")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_workshop(self, plan: Path, workshop_id: int) -> None:
        self._store.setValue(f"workshops/{_key(plan)}", workshop_id)
        self._store.sync()

    def store_address(self, plan: Path) -> str | None:
        """The organisation store this plan last used, else the last one any plan used
        (an address never holds a password: StoreAddress refuses one)."""
        value = self._store.value(f"store/{_key(plan)}") or self._store.value("store/last")
        return str(value) if value else None

    def set_store_address(self, plan: Path, address: str) -> None:
        self._store.setValue(f"store/{_key(plan)}", address)
        self._store.setValue("store/last", address)
        self._store.sync()

    def store_takes_no_password(self, address: str) -> bool:
        """The store at this address (as shown) took okrdesk's connection with no password
        from it (trust, a .pgpass file, a certificate): none is asked for it."""
        return str(self._store.value(f"store-open/{_flat(address)}", "")).lower() == "true"

    def set_store_takes_no_password(self, address: str, takes: bool) -> None:
        key = f"store-open/{_flat(address)}"
        if takes:
            self._store.setValue(key, True)
        else:
            self._store.remove(key)
        self._store.sync()


def _key(plan: Path) -> str:
    return _flat(str(plan.resolve()))


def _flat(text: str) -> str:
    # QSettings keys treat "/" as groups; keep the whole text as one key.
    return text.replace("/", "|").replace("\\", "|")
