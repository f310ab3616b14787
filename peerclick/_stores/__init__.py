"""Shared backends for budgets and session tokens: SQLite (one machine) and Redis (many).

Imported only when a ``sqlite://`` or ``redis://`` URL asks for them (see
``peerclick._budget_store.open_budget_store`` and :func:`peerclick._stores.urls.open_token_store`),
so ``import peerclick`` never pays for sqlite3, filelock or redis-py.
"""
