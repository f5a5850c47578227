"""The interview engine: plain async Python, no UI import. The TUI, the headless runner and the evals all
drive the same `Interview` and consume the same events."""
