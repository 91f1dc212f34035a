"""The data layer: models, loading, validation, quote anchoring and indexes.

Nothing under ``tui.data`` imports Textual, so ``check`` and ``export`` start fast.
"""
