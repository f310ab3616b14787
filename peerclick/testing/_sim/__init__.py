"""The fake's traffic simulation: what one account holds and what its reports say.

`_account` (entities, traffic and ledgers of one account), `_store` (entity CRUD), `_seed`
(the demo entities), `_traffic` (seeded synthetic facts), `_dimensions`, `_metrics`,
`_countries`, `_reports`, `_events`, `_ledger`, `_query` and `_times`. No HTTP here beyond
reading query strings: it never imports `peerclick.testing._http`.
"""
