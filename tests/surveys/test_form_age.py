"""The form's age limit: a phone's and a kiosk's are set each on its own."""

from __future__ import annotations

from rapor.surveys.domain.submit import max_age

DAY = 86400


def test_a_phone_form_lives_two_days_and_a_kiosk_form_thirty():
    assert (max_age(kiosk=False), max_age(kiosk=True)) == (2 * DAY, 30 * DAY)


def test_setting_the_kiosks_limit_leaves_the_phones_alone(settings):
    settings.RAPOR_SURVEY_MAX_AGE_DAYS = {"kiosk": 60}
    assert (max_age(kiosk=False), max_age(kiosk=True)) == (2 * DAY, 60 * DAY)
