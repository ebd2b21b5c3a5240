"""netkit's forms: one module per family of forms, each a thin view over model + store."""

from __future__ import annotations

from .assessment import AssessmentForm
from .base import Form
from .learner import LearnerForm
from .listing import ListForm
from .needs import NeedsForm
from .networks import NeedsAnalysis, NetworksForm
from .shortlist import CriteriaForm, ShortlistForm
from .views import LiveView, criterion_status

__all__ = [
    "AssessmentForm",
    "CriteriaForm",
    "Form",
    "LearnerForm",
    "ListForm",
    "LiveView",
    "NeedsAnalysis",
    "NeedsForm",
    "NetworksForm",
    "ShortlistForm",
    "criterion_status",
]
