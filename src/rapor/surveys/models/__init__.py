from .catalogue import Agency, Counter, Kiosk, Mpp, Service, Weighting
from .followup import FollowUp, Population, Publication, ValueLink
from .history import SurveyEvent
from .responses import (
    UNSUR_FIELDS,
    AgeGroup,
    Channel,
    Education,
    Occupation,
    RateBucket,
    Rejection,
    Response,
    Sex,
)

__all__ = [
    "UNSUR_FIELDS",
    "AgeGroup",
    "Agency",
    "Channel",
    "Counter",
    "Education",
    "FollowUp",
    "Kiosk",
    "Mpp",
    "Occupation",
    "Population",
    "Publication",
    "RateBucket",
    "Rejection",
    "Response",
    "Service",
    "Sex",
    "SurveyEvent",
    "ValueLink",
    "Weighting",
]
