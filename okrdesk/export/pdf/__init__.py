"""PDF documents (reportlab): the handout, the wall summary and the alignment tree."""
