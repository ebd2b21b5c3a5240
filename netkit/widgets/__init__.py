"""netkit's forms: one module per family of forms, each a thin view over model + store."""

from __future__ import annotations

from .assessment import AssessmentForm
from .base import Form
from .evidence import DeclarationForm, DiscussionForm, WitnessForm
from .exporting import ExportPanel
from .learner import LearnerForm
from .listing import ListForm
from .maintain import (
    ActionForm,
    AgreementForm,
    Agreements,
    InteractionForm,
    IntroductionForm,
    MutualBenefitForm,
    OffersForm,
    PromotionForm,
    ReviewForm,
    SuggestedIntroductions,
    SupportForm,
)
from .needs import NeedsForm
from .networks import NeedsAnalysis, NetworksForm
from .shortlist import CriteriaForm, ShortlistForm
from .views import LiveChart, LiveView, StatusLine, criterion_status

__all__ = [
    "AssessmentForm",
    "CriteriaForm",
    "DeclarationForm",
    "DiscussionForm",
    "ExportPanel",
    "Form",
    "LearnerForm",
    "ListForm",
    "LiveChart",
    "LiveView",
    "NeedsAnalysis",
    "NeedsForm",
    "NetworksForm",
    "ShortlistForm",
    "StatusLine",
    "WitnessForm",
    "criterion_status",
]

# Learning outcome 3 (notebook 03): netkit/widgets/maintain.py
__all__ += [
    "ActionForm",
    "AgreementForm",
    "Agreements",
    "InteractionForm",
    "IntroductionForm",
    "MutualBenefitForm",
    "OffersForm",
    "PromotionForm",
    "ReviewForm",
    "SuggestedIntroductions",
    "SupportForm",
]
