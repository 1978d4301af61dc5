"""The steering models, one module per concern; import them from here."""

from .events import SteeringEvent, steering_record
from .plans import EffortInput, SavedPlan, SteeringTarget
from .results import PublishedResult
from .snapshots import DailySnapshot
from .whatif import Sandbox

__all__ = [
    "DailySnapshot",
    "EffortInput",
    "PublishedResult",
    "Sandbox",
    "SavedPlan",
    "SteeringEvent",
    "SteeringTarget",
    "steering_record",
]
