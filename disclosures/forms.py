"""Forms of the disclosures app."""
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


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
        limit = settings.DISCLOSURE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件过大（%(size).1f MB），上限为 %(limit).0f MB"),
                params={"size": upload.size / 1024 / 1024, "limit": limit / 1024 / 1024},
            )
        return upload
