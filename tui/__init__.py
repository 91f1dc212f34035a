"""diplo-tui: a keyboard-first explorer of facts from diplomatic news articles."""

__version__ = "0.1.0"
