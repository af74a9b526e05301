"""Which jieba dictionary cut a project's index words (`tokens.dictionary_id`): known as a project opens,
without loading jieba, and the same as jieba itself says."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_project_opens_without_loading_jieba_and_knows_its_dictionary(tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from app.store.db import Store
        from app.store.tokens import _loaded_dictionary_id, dictionary_id
        for _ in range(2):  # a new project, then the same one opened again
            with Store({str(tmp_path / "p.db")!r}):
                pass
        print("jieba" in sys.modules)
        print(dictionary_id())
        print(_loaded_dictionary_id())  # imports jieba and asks it which file it loads
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded, found, said = done.stdout.split("\n")[:3]
    assert loaded == "False"
    assert found == said and found.startswith("jieba ")
