"""`python -m interviewer.providers.selfcheck`: prove the installed llama.cpp build runs the model.

The install script runs this once: a llama.cpp wheel built with the wrong CPU flags segfaults on the
first eval, which only a separate process can survive to report.
"""

from __future__ import annotations

import sys


def main() -> int:
    # deferred: `python -m` runs this module on its own; importing llama.cpp is the thing being checked
    from llama_cpp import Llama

    from interviewer.providers.local import default_model_path

    llama = Llama(model_path=str(default_model_path()), n_ctx=256, verbose=False)
    out = llama.create_completion("The capital of France is", max_tokens=3, temperature=0, stream=False)
    assert isinstance(out, dict)
    print("llama.cpp ok:", repr(out["choices"][0]["text"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
