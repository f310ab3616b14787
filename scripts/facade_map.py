"""Which facade method calls which operation, as the contract suite saw it happen.

tests/contract/test_prism_contract.py drives every facade method against Prism and records the
operationId of each request under the outermost public facade method it was sent from (the session
requests the auth flow sends itself are recorded under `SessionAuth.auth_flow`). The table is
checked in here as facade_map.json: the contract suite fails when what the facade calls no longer
matches it, and `PEERCLICK_RECORD_FACADE_MAP=1 pytest tests/contract` rewrites it. This replaces a
500-line `ast` walk over the facade's imports, which could only guess which method reaches which
generated module (it credited `Reports.get` with the conversions report, for one); a recorded call
cannot be wrong about what ran.

The async client is driven over a subset; an async twin (`AsyncOffers.get`) that was not driven
calls what its sync twin (`Offers.get`) calls: the twins share their request-building code.

`operation_modules` names the generated module of each operation, with openapi-python-client's own
`PythonIdentifier`, for the drift report's `module` field; tests/scripts/test_facade_map.py checks
it against generated/.

Usage: python scripts/facade_map.py [--map FILE] [--spec FILE] [--json]
Exit codes: 0 every recorded operation is in the spec, 1 some are not (listed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import _spec
from scripts._codegen import SPEC

__all__ = [
    "FACADE",
    "by_operation",
    "facade_map",
    "load_calls",
    "missing_operations",
    "operation_modules",
    "write_calls",
]

FACADE = Path(__file__).resolve().parent / "facade_map.json"
_NOTE = "Recorded by tests/contract (PEERCLICK_RECORD_FACADE_MAP=1); see scripts/facade_map.py."


def load_calls(path: Path = FACADE) -> dict[str, list[str]]:
    """facade method -> operationIds it calls, async twins filled in from their sync twins."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    calls: dict[str, list[str]] = dict(data.get("calls", {}))
    twins: dict[str, str] = data.get("twins", {})
    for method, ops in list(calls.items()):
        cls, _, name = method.partition(".")
        if cls in twins:
            calls.setdefault(f"{twins[cls]}.{name}", ops)
    return calls


def write_calls(calls: dict[str, list[str]], twins: dict[str, str], path: Path = FACADE) -> None:
    """Write the table in one stable layout (sorted, one method a line): a re-record is a no-op.

    `twins` maps each sync class to its async twin ("Offers" -> "AsyncOffers").
    """
    table = {method: sorted(set(ops)) for method, ops in sorted(calls.items())}

    def block(items: dict[str, Any]) -> str:
        rows = (f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in items.items())
        return "{\n" + ",\n".join(rows) + "\n }"

    text = (
        f'{{\n "note": {json.dumps(_NOTE)},\n "twins": {block(dict(sorted(twins.items())))},\n'
        f' "calls": {block(table)}\n}}\n'
    )
    path.write_text(text, encoding="utf-8")


def by_operation(calls: dict[str, list[str]]) -> dict[str, list[str]]:
    """operationId -> sorted facade methods calling it."""
    out: dict[str, list[str]] = {}
    for method, ops in calls.items():
        for op in ops:
            out.setdefault(op, []).append(method)
    return {op: sorted(methods) for op, methods in sorted(out.items())}


def facade_map(path: Path, doc: dict[str, Any]) -> dict[str, list[str]]:
    """operationId -> facade methods, for the operations `doc` has."""
    ids = {o.op_id for o in _spec.operations(doc)}
    return {op: methods for op, methods in by_operation(load_calls(path)).items() if op in ids}


def missing_operations(path: Path, doc: dict[str, Any]) -> dict[str, list[str]]:
    """operationIds the facade calls that `doc` lacks -> the methods calling them."""
    ids = {o.op_id for o in _spec.operations(doc)}
    return {op: methods for op, methods in by_operation(load_calls(path)).items() if op not in ids}


def operation_modules(doc: dict[str, Any]) -> dict[str, str]:
    """Map "tag_module.operation_module" to the operationId (or "METHOD path") it comes from.

    The generator's own naming functions (pinned with it in scripts/_codegen.py), so the names are
    the ones generated/ has.
    """
    from openapi_python_client.parser.openapi import generate_operation_id
    from openapi_python_client.schema.untrusted_string import UntrustedString
    from openapi_python_client.strings import PythonIdentifier

    out: dict[str, str] = {}
    for o in _spec.operations(doc):
        tag = PythonIdentifier(str((o.op.get("tags") or ["default"])[0]), prefix="tag")
        if o.op_id:
            module = PythonIdentifier(o.op_id, prefix="field_")
        else:
            module = generate_operation_id(
                path=UntrustedString(o.path), method=o.method.lower(), prefix="field_"
            )
        out[f"{tag}.{module}"] = o.op_id or o.label
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=FACADE, help="the recorded table")
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    doc = _spec.load_spec(args.spec)
    mapping, missing = facade_map(args.map, doc), missing_operations(args.map, doc)
    if args.json:
        print(json.dumps({"operations": mapping, "missing": missing}, indent=2, sort_keys=True))
    else:
        for op_id, methods in mapping.items():
            print(f"{op_id}: {', '.join(methods)}")
        for op_id, methods in missing.items():
            print(f"MISSING {op_id}: {', '.join(methods)}")
        if not mapping and not missing:
            print(f"{args.map.name} records no facade call yet")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
