"""Rewrite generated/peerclick_api from openapi/peerclick.yaml with the pinned generator.

The old package is replaced whole (the generator's --overwrite leaves stray files behind), and only
after the new one was generated without a warning, so a failed run leaves generated/ as it was.
Usage: python scripts/regenerate.py [--spec FILE] [--output DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._codegen import GENERATED, PACKAGE, SPEC, CodegenError, generate


def regenerate(spec: Path = SPEC, output: Path = GENERATED / PACKAGE) -> None:
    """Generate into a scratch folder beside `output`, then swap it in."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".regen-") as scratch:
        fresh = Path(scratch) / PACKAGE
        generate(spec, fresh)
        if output.exists():
            shutil.rmtree(output)
        fresh.rename(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--output", type=Path, default=GENERATED / PACKAGE)
    args = parser.parse_args(argv)
    try:
        regenerate(args.spec, args.output)
    except CodegenError as exc:
        print(f"regenerate: {exc}", file=sys.stderr)
        return 2
    print(f"regenerated {args.output} from {args.spec}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
