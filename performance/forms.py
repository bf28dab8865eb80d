"""Forms of the performance app."""
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.utils.translation import gettext_lazy as _

from .models import Indicator
from .parsing import parse_target, parse_weight, split_evidence


class WeightField(forms.CharField):
    """分值权重 as printed (``10``, ``2.5``, ``10分``) → Decimal, or None when blank."""

    def __init__(self, **kwargs):
        super().__init__(label=_("分值权重"), required=False, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        weight = parse_weight(text)
        if weight is None:
            raise ValidationError(_("分值权重应为数字，如 10 或 2.5"), code="invalid")
        weight = Decimal(str(weight))
        DecimalValidator(max_digits=8, decimal_places=2)(weight)
        return weight


class EvidenceField(forms.CharField):
    """佐证资料: the names separated by commas, kept as a list."""

    def __init__(self, **kwargs):
        super().__init__(label=_("佐证资料"), required=False, help_text=_("多项以逗号分隔"), **kwargs)

    def prepare_value(self, value):
        return "，".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return split_evidence(super().to_python(value))


class IndicatorForm(forms.ModelForm):
    """One indicator; a changed 指标值 is split again into comparator, value and unit."""

    weight = WeightField()
    evidence = EvidenceField()

    class Meta:
        model = Indicator
        fields = ["level1", "level2", "name", "target_text", "basis", "prior_value", "weight",
                  "scoring_rule", "evidence"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3})}

    def collect(self, revision):
        """Put the indicator into ``revision`` if anything changed."""
        if "target_text" in self.changed_data:
            comparator, value, unit = parse_target(self.instance.target_text)
            self.instance.comparator = comparator or ""
            self.instance.target_value = value or ""
            self.instance.target_unit = unit or ""
        if self.has_changed():
            revision.save(self.instance)
