"""netkit's forms: one module per family of forms, each a thin view over model + store."""

from __future__ import annotations

from .base import Form
from .learner import LearnerForm

__all__ = ["Form", "LearnerForm"]
