from pathlib import Path

import pytest

from interviewer import paths
from interviewer.config import ConfigError, Settings, load_settings


def write_config(text: str) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_defaults_are_the_offline_embedded_model(isolated_home):
    settings = load_settings()
    assert settings.chat.provider == "local"
    assert settings.embeddings.provider == "local"
    assert settings.home == isolated_home
    assert settings.prompt_version == "v2"


def test_config_file_lives_in_the_home_when_home_is_overridden(isolated_home):
    assert paths.config_file() == isolated_home / "config.toml"


def test_file_overrides_defaults():
    write_config('prompt_version = "v2"\n[chat]\nprovider = "openai-compatible"\nbase_url = "http://127.0.0.1:9/v1"\n')
    settings = load_settings()
    assert settings.chat.provider == "openai-compatible"
    assert settings.chat.base_url == "http://127.0.0.1:9/v1"
    assert settings.prompt_version == "v2"
    # untouched nested fields keep their defaults
    assert settings.chat.timeout_s == 60.0


def test_env_overrides_file(monkeypatch):
    write_config('prompt_version = "v2"\n[chat]\nprovider = "openai-compatible"\nmodel = "from-file"\n')
    monkeypatch.setenv("INTERVIEWER_CHAT__MODEL", "from-env")
    monkeypatch.setenv("INTERVIEWER_PROMPT_VERSION", "v3")
    settings = load_settings()
    assert settings.chat.model == "from-env"
    assert settings.prompt_version == "v3"
    # the file still supplies what the environment does not
    assert settings.chat.provider == "openai-compatible"


def test_arguments_override_env_and_merge_with_it(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_CHAT__BASE_URL", "http://127.0.0.1:1234/v1")
    settings = load_settings(chat={"provider": "openai-compatible"})
    assert settings.chat.provider == "openai-compatible"
    assert settings.chat.base_url == "http://127.0.0.1:1234/v1"


def test_api_key_is_secret_and_falls_back_to_openai_env(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    settings = load_settings(chat={"provider": "openai"})
    key = settings.chat.resolved_api_key()
    assert key is not None and key.get_secret_value() == "sk-very-secret"
    monkeypatch.setenv("INTERVIEWER_CHAT__API_KEY", "sk-other-secret")
    settings = load_settings()
    assert "sk-other-secret" not in repr(settings)
    assert "sk-other-secret" not in settings.model_dump_json()
    assert "sk-other-secret" not in settings.chat.describe()


def test_broken_toml_names_the_file():
    path = write_config("[chat\nprovider = 'local'\n")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(path) in str(err.value)


def test_invalid_value_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_CHAT__PROVIDER", "telepathy")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "chat.provider" in str(err.value)


def test_settings_class_is_isolated_from_user_config(isolated_home):
    # the autouse fixture points everything at a temp dir; nothing leaks from a real user config
    assert str(Settings().home).startswith(str(isolated_home.parent))
