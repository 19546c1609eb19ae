"""Every text key the screens ask for by name is registered once the app exists, even in a
fresh process where no other screen was opened first (a key registered only by a module that
is imported later used to show as ⟨key⟩ on the pause menu)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\btr\(\s*["']([a-z0-9_.]+)["']""")

PROBE = """
import sys
from pathlib import Path
from tests.ui.harness import make_app
from game.i18n import catalogue
make_app(Path(sys.argv[1]))
wanted = sys.argv[2].split(",")
missing = [key for key in wanted if key not in catalogue("es")]
print(",".join(missing))
"""


def keys_in_the_ui() -> set[str]:
    keys: set[str] = set()
    for path in (ROOT / "game" / "ui").rglob("*.py"):
        keys |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_key_the_ui_names_is_registered_in_a_fresh_app(tmp_path):
    keys = keys_in_the_ui()
    assert "seats.open" in keys and len(keys) > 300  # the scan found the screens' texts
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path), ",".join(sorted(keys))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "SDL_VIDEODRIVER": "dummy",
            "SDL_AUDIODRIVER": "dummy",
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        },
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"not registered: {done.stdout.strip()}"
