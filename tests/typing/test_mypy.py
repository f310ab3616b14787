"""User code type-checks as it should: `mypy --strict` over sample user files and the README.

- `samples/good.py` (the README's calls and more, sync and async) has no error;
- `samples/bad.py` has exactly the errors its `# E: <code>` comments expect, line by line: a
  typo in a keyword, a value the facade refuses, an `Unset` field used unchecked;
- every python block of the README, with a prelude giving it `pc` and `campaign_id`, has none.

mypy runs once per session, in process (`mypy.api.run`), with the project's own configuration
(strict, Python 3.11, `mypy_path = generated`), as a user's `mypy --strict` would see the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples"
README = ROOT / "README.md"
PRELUDE = "from peerclick import PeerClick\n\npc = PeerClick()\ncampaign_id = 1\n"

_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")
_EXPECTED = re.compile(r"#\s*E:\s*(?P<code>[a-z-]+)\s*$")


def readme_blocks() -> Iterator[tuple[str, str]]:
    """(section heading, code) of every ```python block of the README."""
    for section in README.read_text().split("\n## "):
        heading = section.split("\n", 1)[0].lstrip("# ")
        for code in re.findall(r"```python\n(.*?)```", section, flags=re.S):
            yield heading, code


@pytest.fixture(scope="session")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[int, str]]]:
    """file name -> {(line, error code)} of one mypy run over the samples and README blocks."""
    folder = tmp_path_factory.mktemp("readme")
    files = [SAMPLES / "good.py", SAMPLES / "bad.py"]
    for n, (_, code) in enumerate(readme_blocks()):
        path = folder / f"readme_{n}.py"
        path.write_text(PRELUDE + code)
        files.append(path)
    out, err, _status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--strict", "--no-error-summary",
         "--show-error-codes", "--no-pretty", *map(str, files)]
    )  # fmt: skip
    assert not err, err
    found: dict[str, set[tuple[int, str]]] = {f.name: set() for f in files}
    for line in out.splitlines():
        match = _ERROR.match(line)
        if match is not None:
            name = Path(match["file"]).name
            assert name in found, f"an error outside the checked files: {line}"
            found[name].add((int(match["line"]), match["code"]))
        else:
            assert ": note:" in line, line  # no other output: every error has a code
    return found


def test_good_user_code_has_no_error(mypy_errors: dict[str, set[tuple[int, str]]]) -> None:
    assert mypy_errors["good.py"] == set()


def test_bad_user_code_has_exactly_the_expected_errors(
    mypy_errors: dict[str, set[tuple[int, str]]],
) -> None:
    lines = (SAMPLES / "bad.py").read_text().splitlines()
    expected = {
        (number, match["code"])
        for number, text in enumerate(lines, start=1)
        if (match := _EXPECTED.search(text)) is not None
    }
    assert len(expected) >= 20
    assert mypy_errors["bad.py"] == expected


def test_the_readme_examples_have_no_error(mypy_errors: dict[str, set[tuple[int, str]]]) -> None:
    blocks = list(readme_blocks())
    assert len(blocks) >= 6
    for n, (heading, _) in enumerate(blocks):
        assert not mypy_errors[f"readme_{n}.py"], (heading, sorted(mypy_errors[f"readme_{n}.py"]))
