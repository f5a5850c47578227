"""One session, one set of settings, one scorecard: the app that ran the interview and `interviewer score`
on the command line produce byte-identical scorecard JSON (both go through `runtime.score_session`)."""

import json
import os
import subprocess
import sys

from interviewer.config import load_settings
from interviewer.providers.scripted import ScriptedProvider
from interviewer.runtime import build
from interviewer.tui.app import make_app
from tests.tui.helpers import answer, move_on_to_the_scorecard, open_case

# embeddings on for matching, with a fast model-free embedder and a threshold low enough that it changes
# what is covered: the case where the app once scored without the embedder the command line used
ENV = {"INTERVIEWER_CHAT__PROVIDER": "scripted", "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing",
       "INTERVIEWER_ENGINE__PHRASING": "draft", "INTERVIEWER_MATCHING__USE_EMBEDDINGS": "true",
       "INTERVIEWER_MATCHING__THRESHOLD": "0.2"}


async def test_the_app_and_the_cli_give_byte_identical_scorecards(monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    app = make_app(build(load_settings(), provider=ScriptedProvider(default_reply="Go on?")))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "video")
        await answer(app, pilot, "We optimise long-term satisfied watch time, not clicks, within a 200 ms budget.")
        await move_on_to_the_scorecard(app, pilot)
        assert type(app.screen).__name__ == "ScorecardScreen"
        card = app.screen.card
        from_app = json.dumps(card.public_json(), indent=2, ensure_ascii=False)
    cli = subprocess.run([sys.executable, "-m", "interviewer", "score", card.session_id, "--json"],
                         capture_output=True, text=True, env=dict(os.environ), timeout=240)
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.rstrip("\n") == from_app
    # and the embedder mattered: without it the same transcript covers other points
    runtime = build(load_settings(matching={"use_embeddings": False}))
    without, _ = await runtime.score_session(card.session_id, rescore=True)
    assert without.public_json()["covered"] != json.loads(from_app)["covered"]
