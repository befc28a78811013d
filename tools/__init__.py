"""Tools run from the repository root: screenshots, page images, translation tables."""
