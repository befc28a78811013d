"""Fill in Chinese translations in the Qt .ts catalogue from a small table (for new strings).

    python tools/translate.py resources/i18n/okrdesk_zh_CN.ts table.json
table.json maps English source text to Chinese; messages already translated are kept.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree


def main() -> int:
    catalogue, table_path = sys.argv[1], sys.argv[2]
    with open(table_path, encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    tree = ElementTree.parse(catalogue)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is None or source not in table:
            continue
        if translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip():
            translation.text = table[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(catalogue, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled} translations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
