"""TLS, mTLS and an API key towards the Temporal server, against a real dev server behind a TLS-terminating proxy
(the dev server speaks plain gRPC only). The CA and certificates are made here, for this test run."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import os
import ssl
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from superagent.errors import OrchestrationError
from superagent.orchestration import devserver
from superagent.orchestration.worker import temporal_client
from superagent.settings import Settings


@dataclass
class Issued:
    cert: Path
    key: Path


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


class CA:
    def __init__(self, folder: Path, name: str) -> None:
        self.folder, self.name = folder, name
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        self.subject = subject
        self.cert = (
            self._builder(subject, self.key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    key_cert_sign=True,
                    crl_sign=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        self.path = folder / f"{name}.pem"
        self.path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def _builder(self, subject: x509.Name, public_key: ec.EllipticCurvePublicKey) -> x509.CertificateBuilder:
        now = datetime.datetime.now(datetime.UTC)
        issuer = getattr(self, "subject", subject)
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
        )

    def issue(self, name: str, *, server: bool) -> Issued:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
        builder = (
            self._builder(subject, key.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
        )
        if server:
            names = [x509.DNSName(name), x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        cert = builder.sign(self.key, hashes.SHA256())
        issued = Issued(self.folder / f"{name}.crt", self.folder / f"{name}.key")
        issued.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        issued.key.write_bytes(_key_pem(key))
        return issued


@dataclass
class Pki:
    ca: CA
    server: Issued
    client: Issued
    stranger: Issued  # a client certificate from a CA the server does not trust


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca, other = CA(folder, "superagent-test-ca"), CA(folder, "some-other-ca")
    return Pki(ca, ca.issue("temporal.test", server=True), ca.issue("worker", server=False),
               other.issue("stranger", server=False))  # fmt: skip


@contextlib.asynccontextmanager
async def tls_proxy(backend: str, pki: Pki, *, client_certs: bool) -> AsyncIterator[str]:
    """TLS on a free loopback port, plain TCP on to ``backend``; with ``client_certs``, only clients holding a
    certificate from the test CA get through (mTLS)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki.server.cert, pki.server.key)
    context.set_alpn_protocols(["h2"])
    if client_certs:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(pki.ca.path)
    host, port = backend.rsplit(":", 1)

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, ConnectionError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(OSError, ConnectionError, RuntimeError):
            writer.close()

    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(host, int(port))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context)
    try:
        yield f"127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()


def _settings(address: str, tmp_path: Path, **tls: object) -> Settings:
    return Settings(
        temporal_address=address, state_dir=tmp_path, _env_file=None,  # type: ignore[call-arg]
        **tls,  # type: ignore[arg-type]
    )  # fmt: skip


async def _answers(settings: Settings) -> bool:
    async with temporal_client(settings) as client:
        return await client.count_workflows() is not None


async def test_tls_with_the_servers_ca_connects_and_plain_or_untrusted_clients_do_not(
    temporal_server: devserver.DevServer, pki: Pki, tmp_path: Path
) -> None:
    async with tls_proxy(temporal_server.address, pki, client_certs=False) as address:
        assert await _answers(_settings(address, tmp_path, temporal_tls_ca=pki.ca.path))
        named = _settings(address, tmp_path, temporal_tls_ca=pki.ca.path, temporal_tls_server_name="temporal.test")
        assert await _answers(named)
        with pytest.raises(OrchestrationError, match="cannot reach the Temporal server"):
            await _answers(_settings(address, tmp_path))  # plain gRPC into a TLS port
        with pytest.raises(OrchestrationError, match="cannot reach the Temporal server"):
            await _answers(_settings(address, tmp_path, temporal_tls=True))  # the system's roots do not know the CA
        with pytest.raises(OrchestrationError, match="cannot reach the Temporal server"):
            wrong_name = _settings(address, tmp_path, temporal_tls_ca=pki.ca.path, temporal_tls_server_name="x.test")
            await _answers(wrong_name)


async def test_mtls_lets_in_only_a_client_with_a_certificate_from_the_servers_ca(
    temporal_server: devserver.DevServer, pki: Pki, tmp_path: Path
) -> None:
    async with tls_proxy(temporal_server.address, pki, client_certs=True) as address:
        worker = _settings(
            address, tmp_path, temporal_tls_ca=pki.ca.path, temporal_tls_cert=pki.client.cert,
            temporal_tls_key=pki.client.key,
        )  # fmt: skip
        assert await _answers(worker)
        with pytest.raises(OrchestrationError, match="cannot reach the Temporal server"):
            await _answers(_settings(address, tmp_path, temporal_tls_ca=pki.ca.path))
        stranger = _settings(
            address, tmp_path, temporal_tls_ca=pki.ca.path, temporal_tls_cert=pki.stranger.cert,
            temporal_tls_key=pki.stranger.key,
        )  # fmt: skip
        with pytest.raises(OrchestrationError, match="cannot reach the Temporal server"):
            await _answers(stranger)


async def test_an_api_key_is_read_from_its_file_and_sent_over_tls(
    temporal_server: devserver.DevServer, pki: Pki, tmp_path: Path
) -> None:
    from superagent.orchestration.worker import security

    key_file = tmp_path / "api-key"
    key_file.write_text("key-123\n")
    settings = _settings("127.0.0.1:1", tmp_path, temporal_api_key_file=key_file)
    tls, api_key = security(settings)
    assert api_key == "key-123" and tls is not False, "a key never travels in clear text"
    async with tls_proxy(temporal_server.address, pki, client_certs=False) as address:
        keyed = _settings(address, tmp_path, temporal_tls_ca=pki.ca.path, temporal_api_key="key-123")
        assert await _answers(keyed)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SUPERAGENT_TEMPORAL_TLS_CA": "/no/such/ca.pem"},
            "SUPERAGENT_TEMPORAL_TLS_CA '/no/such/ca.pem' cannot be read",
        ),
        ({"SUPERAGENT_TEMPORAL_TLS_CA": "{junk}"}, "is not a PEM file with a certificate"),
        ({"SUPERAGENT_TEMPORAL_TLS_CERT": "{cert}"}, "mTLS needs both SUPERAGENT_TEMPORAL_TLS_CERT and"),
        ({"SUPERAGENT_TEMPORAL_TLS_CERT": "{cert}", "SUPERAGENT_TEMPORAL_TLS_KEY": "{cert}"}, "with a private key"),
        ({"SUPERAGENT_TEMPORAL_API_KEY_FILE": "/no/such/key"}, "SUPERAGENT_TEMPORAL_API_KEY_FILE '/no/such/key'"),
    ],
)
def test_bad_tls_files_are_a_clear_error_with_exit_5(
    pki: Pki, tmp_path: Path, env: dict[str, str], message: str
) -> None:
    (tmp_path / "junk.pem").write_text("not a certificate")
    values = {k: v.format(junk=tmp_path / "junk.pem", cert=pki.client.cert) for k, v in env.items()}
    done = subprocess.run(
        [sys.executable, "-m", "superagent", "jobs"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SUPERAGENT_TEMPORAL_ADDRESS": "127.0.0.1:9", **values},
    )  # fmt: skip
    assert done.returncode == 5, done.stdout + done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
