"""Qt translations: the compiled .qm catalogues shipped with okrdesk, swapped at run time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from okrdesk.messages import normalise_language
from okrdesk.resource_paths import resource_path

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


# The object name of every translator okrdesk installs (they are children of the application).
TRANSLATOR_NAME = "okrdesk"


class Translations:
    """Installs okrdesk's and Qt's own translations for one language at a time.

    Translators belong to the application, so they are kept on it, as its children:
    whichever instance installs next first removes every translator okrdesk installed before.
    """

    def __init__(self) -> None:
        self.language = "en"

    @staticmethod
    def _installed() -> list[QTranslator]:
        app = QCoreApplication.instance()
        if app is None:
            return []
        return [t for t in app.findChildren(QTranslator) if t.objectName() == TRANSLATOR_NAME]

    @staticmethod
    def _translator() -> QTranslator:
        translator = QTranslator(QCoreApplication.instance())
        translator.setObjectName(TRANSLATOR_NAME)
        return translator

    def install(self, language: str) -> bool:
        """Switch every tr() string to the language; widgets hear a LanguageChange event."""
        language = normalise_language(language)
        for translator in self._installed():
            QCoreApplication.removeTranslator(translator)
            translator.setParent(None)
        self.language = language
        QLocale.setDefault(QLocale(language))
        if language == "en":
            return True  # the source language: removing the translators is enough
        ours = self._translator()
        loaded = ours.load(str(resource_path("i18n", f"okrdesk_{language}.qm")))
        qt_own = self._translator()
        if qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            QCoreApplication.installTranslator(qt_own)
        else:
            qt_own.setParent(None)
        if loaded:
            QCoreApplication.installTranslator(ours)
        else:
            ours.setParent(None)
        return loaded
