"""Forms compiled from ``ui/*.ui`` by pyside6-uic (generated, never edited by hand)."""
