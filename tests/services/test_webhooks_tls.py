"""HTTPS to a pinned address: the sender connects to the IP it checked, yet TLS is negotiated
(SNI) and the certificate verified for the endpoint's host name, not for the IP."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models import DeliveryStatus, WebhookDelivery
from services.webhooks import addresses
from services.webhooks.delivery import WebhookSender
from services.webhooks.endpoints import create_endpoint
from settings import Settings
from tests.factories import make_tenant
from tests.services.webhooks_helpers import emit_committed
from tests.webhook_receiver import WebhookReceiver

HOST = "hooks.example.test"


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(CA, certificate for HOST only, its key), made by the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Test CA",
        "-keyout", "ca.key", "-out", "ca.pem",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )  # fmt: skip
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={HOST}",
        "-keyout", "leaf.key", "-out", "leaf.csr", cwd=folder,
    )  # fmt: skip
    (folder / "leaf.ext").write_text(f"subjectAltName=DNS:{HOST}\nextendedKeyUsage=serverAuth\n")
    _openssl(
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "1", "-extfile", "leaf.ext", "-out", "leaf.pem",
        cwd=folder,
    )  # fmt: skip
    return folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key"


@pytest.fixture
def tls_receiver(certificates: tuple[Path, Path, Path]) -> Iterator[WebhookReceiver]:
    _, certificate, key = certificates
    server = WebhookReceiver(certificate=(str(certificate), str(key))).start()
    yield server
    server.stop()


@pytest.fixture
def names_to_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    async def resolve(host: str, port: int) -> list[Any]:
        return [ipaddress.ip_address("127.0.0.1")]

    monkeypatch.setattr(addresses, "resolve", resolve)


async def _send_once(settings: Settings, url: str, ca: Path) -> WebhookDelivery:
    tenant = await make_tenant()
    await create_endpoint(tenant_id=tenant.id, url=url, description=None, production=False)
    event = await emit_committed(tenant.id)
    sender = WebhookSender(settings, verify=ssl.create_default_context(cafile=str(ca)))
    try:
        await sender.run_once()
    finally:
        await sender.stop()
    return await WebhookDelivery.get(event_id=event.id)


async def test_https_to_the_pinned_address_verifies_the_host_name(
    db: object,
    settings: Settings,
    tls_receiver: WebhookReceiver,
    certificates: tuple[Path, Path, Path],
    names_to_localhost: None,
) -> None:
    # given an https endpoint named HOST, whose certificate is valid for HOST only (not the IP)
    url = f"https://{HOST}:{tls_receiver.port}/hook"

    # when the sender delivers to it (connecting to 127.0.0.1, the address it checked)
    delivery = await _send_once(settings, url, certificates[0])

    # then TLS verified HOST's certificate and the receiver got the request for HOST
    assert delivery.status is DeliveryStatus.DELIVERED, delivery.last_error
    [request] = tls_receiver.received
    assert request.headers["host"] == f"{HOST}:{tls_receiver.port}"


async def test_a_certificate_for_another_name_is_refused(
    db: object,
    settings: Settings,
    tls_receiver: WebhookReceiver,
    certificates: tuple[Path, Path, Path],
    names_to_localhost: None,
) -> None:
    # given an endpoint whose name the receiver's certificate does not cover
    url = f"https://other.example.test:{tls_receiver.port}/hook"

    # when the sender tries it
    delivery = await _send_once(settings, url, certificates[0])

    # then the TLS check fails and nothing reaches the receiver
    assert delivery.status is DeliveryStatus.PENDING
    assert "CERTIFICATE_VERIFY_FAILED" in (delivery.last_error or "")
    assert tls_receiver.received == []
