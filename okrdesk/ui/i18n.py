"""Qt translations: the compiled .qm catalogues shipped with okrdesk, swapped at run time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from okrdesk.messages import normalise_language
from okrdesk.resource_paths import resource_path

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class Translations:
    """Installs okrdesk's and Qt's own translations for one language at a time."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> bool:
        """Switch every tr() string to the language; widgets hear a LanguageChange event."""
        language = normalise_language(language)
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = []
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
            self._installed.append(qt_own)
        if loaded:
            QCoreApplication.installTranslator(ours)
            self._installed.append(ours)
        return loaded
