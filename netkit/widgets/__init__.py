"""netkit's forms: one module per family of forms, each a thin view over model + store."""

from __future__ import annotations

from .assessment import AssessmentForm
from .attachments import AttachmentForm
from .base import Form
from .contacts import ContactsForm
from .evidence import DeclarationForm, DiscussionForm, WitnessForm
from .exporting import ExportPanel
from .followups import FollowUpsForm
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
from .reflection import (
    AgendasForm,
    AnswerForm,
    ChoosingForm,
    EthicsForm,
    InternetForm,
    LeadsForm,
    Prompts,
    SkillsForm,
)
from .shortlist import CriteriaForm, ShortlistForm
from .views import LiveChart, LiveView, StatusLine, criterion_status

__all__ = [
    "AgendasForm",
    "AnswerForm",
    "AssessmentForm",
    "AttachmentForm",
    "ChoosingForm",
    "ContactsForm",
    "CriteriaForm",
    "DeclarationForm",
    "DiscussionForm",
    "EthicsForm",
    "ExportPanel",
    "FollowUpsForm",
    "Form",
    "InternetForm",
    "LeadsForm",
    "LearnerForm",
    "ListForm",
    "LiveChart",
    "LiveView",
    "NeedsAnalysis",
    "NeedsForm",
    "NetworksForm",
    "Prompts",
    "ShortlistForm",
    "SkillsForm",
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

# The assessor's review of an export (notebooks/assessor/review.ipynb): netkit/widgets/review.py,
# imported when first asked for, so a learner's notebook does not load the assessor's side.
_REVIEW = ("DecisionForm", "IQAForm", "PlanForm", "Review", "SignoffForm", "open_review")
__all__ += list(_REVIEW)


def __getattr__(name: str) -> object:
    if name in _REVIEW:
        from . import review

        return getattr(review, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
