"""Exports built from the plain plan snapshot: JSON, Markdown, CSV, and PDF documents.

The names below are all the command line needs to parse an export's options: importing this
package loads no exporter (reportlab and the documents load when one is written).
"""

# The PDF documents an export can write (``okrdesk export --document``).
DOCUMENTS = ("handout", "wall", "alignment", "cascade", "review", "allhands", "retro")
