"""Evidence files on S3-compatible storage (``RAPOR_STORAGE=s3``): the same upload, preview and
download, against a real S3 server (moto in server mode, on loopback, started here)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from moto.server import ThreadedMotoServer

from rapor.assessments.models import Evidence
from rapor.demo.pdf import tiny_pdf
from rapor.web import deployment

from .test_evidence import upload

BUCKET = "bukti-rapor"
KEYS = {"access_key": "rapor-test", "secret_key": "rapor-test-secret"}


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def on_s3(s3: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The storage settings exactly as RAPOR_STORAGE=s3 makes them (deployment.storages)."""
    for name, value in {
        "RAPOR_STORAGE": "s3",
        "RAPOR_S3_BUCKET": BUCKET,
        "RAPOR_S3_ENDPOINT_URL": s3,
        "RAPOR_S3_REGION": "us-east-1",
        "RAPOR_S3_ACCESS_KEY_ID": KEYS["access_key"],
        "RAPOR_S3_SECRET_ACCESS_KEY": KEYS["secret_key"],
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": deployment.storages()["default"]}
    return boto3.client(
        "s3",
        endpoint_url=s3,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )


def test_an_uploaded_pdf_goes_to_the_bucket_and_comes_back_through_rapor(
    on_s3, as_user, cast, cycle, tmp_path
):
    client = as_user(cast.opd_member)
    pdf = tiny_pdf("SK di S3")
    response = upload(client, cycle, tmp_path, "sk.pdf", pdf, question="A1.1.a")
    assert response.status_code == 200
    ev = Evidence.objects.get()
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    stored = on_s3.get_object(Bucket=BUCKET, Key=ev.file.name)["Body"].read()
    assert stored == pdf
    for name in ("assessments:evidence_preview", "assessments:evidence_download"):
        served = client.get(reverse(name, args=[cycle.pk, ev.pk]))
        assert served.status_code == 200 and b"".join(served.streaming_content) == pdf
    # the same bytes again are stored once: the object is reused, not overwritten or copied
    other = as_user(cast.coordinator)
    upload(other, cycle, tmp_path, "salinan.pdf", pdf, question="A1.2.a")
    keys = [o["Key"] for o in on_s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys.count(ev.file.name) == 1 and len(keys) == len(set(keys))


def test_another_pemda_cannot_fetch_a_file_kept_in_the_bucket(
    on_s3, as_user, cast, cycle, tmp_path
):
    upload(
        as_user(cast.opd_member), cycle, tmp_path, "sk.pdf", tiny_pdf("rahasia"), question="A1.1.a"
    )
    ev = Evidence.objects.get()
    outsider = as_user(cast.outsider)
    assert (
        outsider.get(reverse("assessments:evidence_download", args=[cycle.pk, ev.pk])).status_code
        == 404
    )
