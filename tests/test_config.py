"""ClientConfig: the one place a client's settings, defaults, variables and checks live."""

from __future__ import annotations

import inspect
import math
import re
from pathlib import Path

import attrs
import httpx
import pytest

from peerclick import AsyncPeerClick, ConfigurationError, PeerClick, RetryPolicy, ServerError
from peerclick._config import ENV_VARS, ClientConfig
from tests.conftest import Scripted, make_async_client, make_client

README = Path(__file__).resolve().parents[1] / "README.md"


def _failing(times: int) -> Scripted:
    """GET /offer/1 answers 503 `times` times, then the offer."""
    left = [times]

    def offer(_request: httpx.Request) -> httpx.Response:
        if left[0] > 0:
            left[0] -= 1
            return httpx.Response(503, json={"description": "busy"})
        return httpx.Response(200, json={"offer": {"id": 1}})

    return Scripted({("GET", "/offer/1"): offer})


class TestRetryArgument:
    """`retry=` takes the exported RetryPolicy, or an int (= max_retries)."""

    def test_a_policy_is_used_as_given(self) -> None:
        policy = RetryPolicy(max_retries=1, backoff_base=0.01, give_up_after=5.0)
        server = _failing(1)
        with make_client(server, retry=policy) as pc:
            assert pc._setup.retry_policy == policy
            assert pc.offers.get(1).id == 1
        assert len(server.api_requests()) == 2

    def test_a_policy_with_no_retries_sends_once(self) -> None:
        server = _failing(1)
        with (
            make_client(server, retry=RetryPolicy(max_retries=0)) as pc,
            pytest.raises(ServerError),
        ):
            pc.offers.get(1)
        assert len(server.api_requests()) == 1

    async def test_an_int_is_max_retries_on_the_async_client(self) -> None:
        server = _failing(2)
        async with make_async_client(server, retry=2) as apc:
            assert apc._setup.retry_policy == RetryPolicy(max_retries=2)
            assert (await apc.offers.get(1)).id == 1
        assert len(server.api_requests()) == 3

    def test_with_options_keeps_the_policy_and_changes_its_retries(self) -> None:
        policy = RetryPolicy(max_retries=4, backoff_max=1.0)
        with make_client(Scripted(), retry=policy) as pc:
            copy = pc.with_options(max_retries=0)
            assert copy._setup.retry_policy == attrs.evolve(policy, max_retries=0)
            assert pc._setup.retry_policy == policy

    @pytest.mark.parametrize(
        ("kwargs", "error", "words"),
        [
            ({"retry": RetryPolicy(), "max_retries": 2}, ValueError, "retry= or max_retries="),
            ({"retry": -1}, ValueError, "retry"),
            ({"retry": "3"}, TypeError, "retry"),
            ({"retry": True}, TypeError, "retry"),
            ({"retry": 1.5}, TypeError, "retry"),
        ],
    )
    def test_bad_retry_is_refused_naming_it(
        self, kwargs: dict[str, object], error: type[Exception], words: str
    ) -> None:
        with pytest.raises(error, match=re.escape(words)):
            PeerClick(token="t", **kwargs)  # type: ignore[arg-type]


class TestOnePlace:
    def test_every_constructor_argument_is_a_setting(self) -> None:
        """The clients' keywords are exactly ClientConfig's settings (and nothing checks them
        elsewhere): a new argument cannot skip the config."""
        settings = {f.name for f in attrs.fields(ClientConfig) if f.init} - {"asynchronous"}
        for client in (PeerClick, AsyncPeerClick):
            arguments = set(inspect.signature(client).parameters)
            assert arguments == settings, client.__name__

    def test_the_defaults_are_the_configs(self) -> None:
        defaults = {f.name: f.default for f in attrs.fields(ClientConfig) if f.init}
        for client in (PeerClick, AsyncPeerClick):
            for name, parameter in inspect.signature(client).parameters.items():
                if parameter.default is None:  # the environment's, else the config's default
                    continue
                assert parameter.default == defaults[name], f"{client.__name__}({name}=)"
        assert (defaults["max_retries"], defaults["base_url"]) == (3, "https://api.peerclick.com")

    def test_env_vars_are_the_settings_and_the_readme_names_them(self) -> None:
        text = README.read_text(encoding="utf-8")
        assert set(ENV_VARS) == {
            "PEERCLICK_ACCESS_ID",
            "PEERCLICK_ACCESS_KEY",
            "PEERCLICK_EMAIL",
            "PEERCLICK_PASSWORD",
            "PEERCLICK_TOKEN",
            "PEERCLICK_BASE_URL",
            "PEERCLICK_LIMITER_URL",
        }
        assert [name for name in ENV_VARS if name not in text] == []

    def test_with_options_is_checked_by_the_same_validators(self) -> None:
        with make_client(Scripted()) as pc:
            with pytest.raises(ValueError) as by_constructor:
                PeerClick(token="t", timeout=-1)
            with pytest.raises(ValueError) as by_copy:
                pc.with_options(timeout=-1)
        assert str(by_copy.value) == str(by_constructor.value)


class TestFromArguments:
    def test_the_environment_fills_in_what_was_not_passed(self) -> None:
        env = {
            "PEERCLICK_ACCESS_ID": "id-9",
            "PEERCLICK_ACCESS_KEY": "key-9",
            "PEERCLICK_BASE_URL": "http://127.0.0.1:4010",
            "PEERCLICK_LIMITER_URL": "memory://",
        }
        config = ClientConfig.from_arguments(env=env)
        assert (config.credentials.kind, config.credentials.identity) == ("access_key", "id-9")
        assert str(config.url) == "http://127.0.0.1:4010/v1_1"
        assert config.limiter == "memory://"

    def test_a_passed_credential_keeps_the_environment_s_out(self) -> None:
        """Half a pair in the arguments is an error, never completed from the environment."""
        env = {"PEERCLICK_ACCESS_ID": "id-9", "PEERCLICK_ACCESS_KEY": "key-9"}
        assert ClientConfig.from_arguments(token="t", env=env).credentials.kind == "token"
        with pytest.raises(ConfigurationError, match="access_key is missing"):
            ClientConfig.from_arguments(access_id="mine", env=env)

    def test_a_blank_variable_is_named(self) -> None:
        with pytest.raises(ConfigurationError, match=r"PEERCLICK_BASE_URL \(base_url\) is blank"):
            ClientConfig.from_arguments(token="t", env={"PEERCLICK_BASE_URL": "  "})

    def test_repr_shows_settings_but_no_secret(self) -> None:
        config = ClientConfig.from_arguments(access_id="id-1", access_key="key-SECRET-77", env={})
        assert "key-SECRET-77" not in repr(config)
        assert "id-1" in repr(config) and "timeout=30.0" in repr(config)

    @pytest.mark.parametrize(
        ("timeout", "words"),
        [
            (httpx.Timeout(5.0, connect=math.inf), "timeout.connect"),
            (httpx.Timeout(5.0, read=0), "timeout.read"),
        ],
    )
    def test_each_part_of_an_httpx_timeout_is_checked(
        self, timeout: httpx.Timeout, words: str
    ) -> None:
        with pytest.raises(ValueError, match=re.escape(words)):
            ClientConfig.from_arguments(token="t", timeout=timeout, env={})

    def test_the_transport_must_match_the_flavour(self) -> None:
        sync = httpx.HTTPTransport()  # (a MockTransport is both flavours at once)
        with pytest.raises(TypeError, match=r"transport must be an httpx\.AsyncBaseTransport"):
            ClientConfig.from_arguments(token="t", transport=sync, asynchronous=True, env={})
        assert ClientConfig.from_arguments(token="t", transport=sync, env={}).transport is sync
        sync.close()
