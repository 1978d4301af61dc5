"""The steering tests use the web tests' named cast (Kota Contoh, its people) and a small
framework whose id marks it as an RB instrument (only those rank in the league)."""

import pytest

from tests.web.conftest import as_user, cast, make_framework  # noqa: F401


@pytest.fixture
def framework(db):  # type: ignore[no-untyped-def]
    return make_framework(fid="rb-test")
