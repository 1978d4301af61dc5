"""Every trail is append-only, not only the cycle's history: the accounts, steering and survey
events refuse bulk updates and deletes (rapor.appendonly) and changes to a stored row."""

from __future__ import annotations

import pytest

from rapor.appendonly import AppendOnlyError
from rapor.orgs.events import AccountEvent
from rapor.steering.models import SteeringEvent
from rapor.surveys.models import Mpp, SurveyEvent

pytestmark = pytest.mark.django_db


def trails(cast):
    mpp = Mpp.objects.create(pemda=cast.kota, operator=cast.disdukcapil, name="MPP Contoh")
    return [
        AccountEvent.objects.create(kind="user_created", actor=cast.admin, subject=cast.admin),
        SteeringEvent.objects.create(kind="target_set", actor=cast.coordinator),
        SurveyEvent.objects.create(mpp=mpp, kind="mpp", actor=cast.admin),
    ]


def test_no_trail_can_be_updated_or_deleted_in_bulk(cast):
    for event in trails(cast):
        events = type(event).objects
        with pytest.raises(AppendOnlyError):
            events.update(after={"forged": True})
        with pytest.raises(AppendOnlyError):
            events.all().delete()
        assert events.get(pk=event.pk).after is None


def test_a_stored_event_is_never_changed(cast):
    for event in trails(cast):
        event.after = {"forged": True}
        with pytest.raises(ValueError, match="cannot be updated"):
            event.save()
