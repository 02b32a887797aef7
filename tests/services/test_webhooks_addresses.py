"""The SSRF rule for webhook URLs (services/webhooks/addresses.py), and the signature check of
the README's receiver example."""

from __future__ import annotations

import ipaddress
import time
from typing import Any

import pytest

from services.errors import ValidationFailed
from services.webhooks import addresses
from services.webhooks.addresses import Policy, check_new_endpoint
from services.webhooks.signing import new_secret, signature_header
from tests.services.webhooks_helpers import readme_verifier

PRODUCTION = Policy.for_environment(production=True)
DEVELOPMENT = Policy.for_environment(production=False)


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """A fake resolver: name -> addresses; a name it does not know does not resolve."""
    answers: dict[str, list[str]] = {}

    async def resolve(host: str, port: int) -> list[Any]:
        if host not in answers:
            raise OSError("Name or service not known")
        return [ipaddress.ip_address(address) for address in answers[host]]

    monkeypatch.setattr(addresses, "resolve", resolve)
    return answers


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[fe80::1]/hook",
        "https://[fc00::1]/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://[2002:7f00:1::1]/hook",  # 6to4 of 127.0.0.1
        "http://93.184.215.14/hook",  # public, but not https
    ],
)
async def test_production_refuses_non_public_or_plain_http_urls(url: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        await check_new_endpoint(url, PRODUCTION)
    assert refused.value.field == "url"


async def test_production_refuses_a_name_that_resolves_to_a_private_address(
    dns: dict[str, list[str]],
) -> None:
    # given a name with one public and one private address
    dns["hooks.example.test"] = ["93.184.215.14", "10.0.0.7"]

    # then it is refused, naming the private address
    with pytest.raises(ValidationFailed) as refused:
        await check_new_endpoint("https://hooks.example.test/hook", PRODUCTION)
    assert "10.0.0.7" in refused.value.message and "non-public" in refused.value.message


async def test_production_refuses_localhost_by_real_resolution() -> None:
    # the real resolver: localhost is loopback
    with pytest.raises(ValidationFailed, match="non-public"):
        await check_new_endpoint("https://localhost/hook", PRODUCTION)


async def test_production_refuses_a_name_that_does_not_resolve(dns: dict[str, list[str]]) -> None:
    with pytest.raises(ValidationFailed, match="does not resolve"):
        await check_new_endpoint("https://nowhere.example.test/hook", PRODUCTION)


async def test_production_accepts_https_to_public_addresses(dns: dict[str, list[str]]) -> None:
    dns["hooks.example.test"] = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]
    url = "https://hooks.example.test:8443/credits?source=api"
    assert await check_new_endpoint(url, PRODUCTION) == url
    assert await check_new_endpoint("https://8.8.8.8/hook", PRODUCTION) == "https://8.8.8.8/hook"


async def test_development_accepts_a_local_http_receiver() -> None:
    url = "http://127.0.0.1:8765/hook"
    assert await check_new_endpoint(url, DEVELOPMENT) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/hook", "http"),
        ("http:///hook", "host"),
        ("http://user:pass@127.0.0.1/hook", "credentials"),
        ("http://127.0.0.1/hook#part", "fragment"),
        ("http://127.0.0.1:99999/hook", "valid"),
        ("http://127.0.0.1/ho ok", "spaces"),
        ("http://127.0.0.1/" + "a" * 2048, "2048"),
    ],
)
async def test_malformed_urls_are_refused_everywhere(url: str, reason: str) -> None:
    with pytest.raises(ValidationFailed, match=reason):
        await check_new_endpoint(url, DEVELOPMENT)


def test_the_readme_receiver_accepts_a_signature_and_refuses_forged_or_stale_ones() -> None:
    verify = readme_verifier()
    secret = new_secret()
    body = b'{"id":"e1","type":"usage.threshold.reached"}'
    now = int(time.time())
    fresh = signature_header(secret, now, body)
    # a signature made with the endpoint's secret, just now
    assert verify(body, fresh, secret)
    # forged: another secret, another body, a signature not for this timestamp
    assert not verify(body, signature_header("whsec_other", now, body), secret)
    assert not verify(body + b" ", fresh, secret)
    assert not verify(body, fresh.replace(f"t={now}", f"t={now - 1}"), secret)
    # stale or from the future: more than 5 minutes away
    assert not verify(body, signature_header(secret, now - 301, body), secret)
    assert not verify(body, signature_header(secret, now + 301, body), secret)
    assert verify(body, signature_header(secret, now - 299, body), secret)
    # malformed headers are refusals, not exceptions
    for header in ("", "t=abc,v1=00", "v1=00", f"t={now}", "garbage"):
        assert not verify(body, header, secret)


def test_secrets_are_long_random_and_marked() -> None:
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_") and len(first) >= 6 + 43 and first != second
