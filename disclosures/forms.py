"""Forms of the disclosures app."""
from collections import defaultdict
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.utils.translation import gettext_lazy as _

from .columns import column_label, ordered_columns
from .imports import UploadRejected, check_size
from .models import BudgetLine, BudgetUnit, LineAmount, Project
from .original import changed_cells
from .parsing.numbers import CODE_RE, normalize, parse_amount
from .tables import amount_shown


class UploadForm(forms.Form):
    """A disclosure PDF (or disclosure-v1 JSON) to import; the type is checked by content later."""

    file = forms.FileField(
        label=_("文件"),
        help_text=_("部门预算或决算公开 PDF，或 disclosure-v1 格式的 JSON 文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.json,application/pdf,application/json"}),
        error_messages={"empty": _("文件为空（0 字节）")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)  # by its declared size: a refused file is never read
        except UploadRejected as exc:
            raise forms.ValidationError(exc.message) from None
        return upload


# Correcting records. Every edit page also carries a ReasonForm; see disclosures.revisions.

REASON_MAX_LENGTH = 100  # django-simple-history's history_change_reason column
ECONOMIC_CLASSES = ("3", "5")  # 部门预算 (3xx) and 政府预算 (5xx) economic classification: 类/款 only
AMOUNT_DIGITS = DecimalValidator(max_digits=20, decimal_places=4)  # LineAmount.amount, Project.amount


class ReasonForm(forms.Form):
    """Why the record is corrected; kept on every history row the submission writes."""

    reason = forms.CharField(
        label=_("修改原因"), max_length=REASON_MAX_LENGTH,
        help_text=_("必填，例如：与原文第 5 页核对，原解析有误"),
        error_messages={"required": _("请填写修改原因")},
    )


class AmountField(forms.CharField):
    """An amount as printed (``1,234.50``); cleans to the printed digits without separators."""

    default_error_messages = {"invalid": _("“%(value)s”不是金额，请按原文填写数字，如 1,234.50")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return ""
        printed = parse_amount(text)
        if printed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": text})
        AMOUNT_DIGITS(Decimal(printed))
        return printed

    def has_changed(self, initial, data):
        """Changed when the amounts differ, not their spelling (the form shows ``1,234.50``)."""
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class CodeField(forms.CharField):
    """A classification code: 3, 5 or 7 digits (类/款/项); economic codes stop at 款."""

    def __init__(self, **kwargs):
        super().__init__(label=_("科目编码"), required=False, **kwargs)

    def to_python(self, value):
        return normalize(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and not CODE_RE.match(value):
            raise ValidationError(_("科目编码应为 3、5 或 7 位数字"), code="invalid")
        if len(value) == 7 and value.startswith(ECONOMIC_CLASSES):
            raise ValidationError(_("经济分类科目编码应为 3 或 5 位数字"), code="invalid")


class TableCells:
    """What the line forms of one table share: its cells, the edited ones, the columns it uses."""

    def __init__(self, table):
        self.cells = defaultdict(dict)
        for cell in LineAmount.objects.filter(line__table=table):
            self.cells[cell.line_id][cell.column] = cell
        self.changed = changed_cells(table)
        self.kind = table.disclosure.kind
        used = {column for row in self.cells.values() for column in row}
        self.columns = ordered_columns(used | {column for _line, column in self.changed})


class TableLineForm(forms.ModelForm):
    """A line as a row of its table: code, name, project and one amount per column of the table.

    A blank amount is a blank cell: its LineAmount is deleted.
    """

    code = CodeField()

    class Meta:
        model = BudgetLine
        fields = ["code", "name", "project"]

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns, self.changed, kind = table.columns, table.changed, table.kind
        self.cells = table.cells[self.instance.pk]
        for column in self.columns:
            cell = self.cells.get(column)
            self.fields[f"amount_{column}"] = AmountField(
                label=column_label(column, kind), initial=amount_shown(cell.printed) if cell else ""
            )

    def line_fields(self):
        return [self[name] for name in self._meta.fields]

    def amount_cells(self):
        """(bound field, printed original, whether the cell differs from it) per column."""
        for column in self.columns:
            key = (self.instance.pk, column)
            yield self[f"amount_{column}"], self.changed.get(key), key in self.changed

    def collect(self, revision):
        """Put the line, if its fields changed, and its changed cells into ``revision``."""
        if set(self.changed_data) & set(self._meta.fields):
            revision.save(self.instance)
        for column in self.columns:
            printed, cell = self.cleaned_data[f"amount_{column}"], self.cells.get(column)
            if cell is None and printed:
                revision.save(LineAmount(line=self.instance, column=column, printed=printed))
            elif cell is not None and not printed:
                revision.delete(cell)
            elif cell is not None and cell.printed != printed:
                cell.printed = printed
                revision.save(cell)


class LineForm(TableLineForm):
    """A line on its own page: the row's fields plus the budget unit it belongs to."""

    class Meta(TableLineForm.Meta):
        fields = ["code", "name", "unit_name", "project"]

    def collect(self, revision):
        if "unit_name" in self.changed_data:
            units = BudgetUnit.objects.filter(disclosure_id=self.instance.disclosure_id)
            self.instance.unit = units.filter(name=self.instance.unit_name).first()
        super().collect(revision)


class ProjectForm(forms.ModelForm):
    """A project of the explanations; the amount as printed."""

    amount_printed = AmountField(label=_("预算安排规模"))

    class Meta:
        model = Project
        fields = ["name", "unit_name", "basis", "amount_printed", "allocation", "period_start", "period_end"]
        widgets = {
            "basis": forms.Textarea(attrs={"rows": 3}),
            "allocation": forms.Textarea(attrs={"rows": 3}),
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["amount_printed"] = amount_shown(self.initial.get("amount_printed"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("执行结束日期不能早于开始日期"))
        return cleaned

    def collect(self, revision):
        if self.has_changed():
            revision.save(self.instance)
