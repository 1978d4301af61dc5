from tests.web.conftest import as_user, cast, cycle, framework  # noqa: F401
