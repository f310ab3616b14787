"""The fake's HTTP shell: how a request gets in and an answer gets out.

`_fake` (the request pipeline: faults, routing, auth, budgets, the request log, httpx
transports), `_api` (the route table and handlers), `_sessions` (tokens), `_budget` (the
server's per-account `ServerLimits`), `_faults`, `_recording` and `_server` (loopback HTTP).
Handlers call into `peerclick.testing._sim`, which never calls back.
"""
