"""Qt translations: the compiled .qm catalogues shipped with okrdesk, swapped at run time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from okrdesk.messages import normalise_language
from okrdesk.resource_paths import resource_path

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class Translations:
    """Installs okrdesk's and Qt's own translations for one language at a time.

    Translators belong to the application, so they are kept on it: whichever instance
    installs next first removes every translator okrdesk installed before.
    """

    def __init__(self) -> None:
        self.language = "en"

    @staticmethod
    def _installed() -> list[QTranslator]:
        app = QCoreApplication.instance()
        if app is None:
            return []
        if not hasattr(app, "okrdesk_translators"):
            app.okrdesk_translators = []  # type: ignore[attr-defined]
        return app.okrdesk_translators  # type: ignore[attr-defined, no-any-return]

    def install(self, language: str) -> bool:
        """Switch every tr() string to the language; widgets hear a LanguageChange event."""
        language = normalise_language(language)
        installed = self._installed()
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        installed.clear()
        self.language = language
        QLocale.setDefault(QLocale(language))
        if language == "en":
            return True  # the source language: removing the translators is enough
        ours = QTranslator()
        loaded = ours.load(str(resource_path("i18n", f"okrdesk_{language}.qm")))
        qt_own = QTranslator()
        if qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            QCoreApplication.installTranslator(qt_own)
            installed.append(qt_own)
        if loaded:
            QCoreApplication.installTranslator(ours)
            installed.append(ours)
        return loaded
