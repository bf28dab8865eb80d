"""The admin's side of the access rule: querysets, object permissions and reasons for every edit.

Every ModelAdmin and inline of a disclosure's records mixes these in, so the admin answers the
same questions as the review pages (:mod:`disclosures.access`): a clerk's changelist holds only
their departments' records, another department's record is not found, a submitted or approved
disclosure's records are read-only, and every change of a draft's record asks for a reason and is
saved through :class:`~disclosures.revisions.Revision` into the history the review pages show.
Records without history, and the links between records (foreign keys), are read-only here.
"""
from functools import reduce
from operator import or_

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.main import ChangeList
from django.db import connections, models
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from . import access, short_search
from .distinct import distinct_values, is_text
from .forms import REASON_MAX_LENGTH, AmountField, CodeField
from .models import Disclosure
from .paging import CappedCountPaginator
from .revisions import Revision, read_fingerprint, sign_fingerprint, state_digest

REASON = "change_reason"


def has_history(model):
    return hasattr(model, "history")


class ReasonForm(forms.ModelForm):
    """An admin change form that asks why (the reason goes into history with the change).

    Like the review pages' edit forms it carries a fingerprint of the record (and of the related
    rows in ``lock_related``, its inlines) as rendered; a save from a form older than the stored
    records is refused, so nobody silently puts back what someone else just corrected.
    """

    lock_related = ()
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    change_reason = forms.CharField(
        label=_("修改原因"), max_length=REASON_MAX_LENGTH, widget=forms.TextInput(attrs={"size": 60}),
        help_text=_("必填，记入修改历史，例如：与原文第 5 页核对，原解析有误"),
        error_messages={"required": _("请填写修改原因")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields[REASON], self.fields["fingerprint"]
        elif not self.is_bound:
            self.initial["fingerprint"] = sign_fingerprint(self.digest(self.instance))

    def digest(self, record):
        related = [row for name in self.lock_related for row in getattr(record, name).order_by("pk")]
        return {str(record.pk): state_digest(record, *related)}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            stored = type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)
            if read_fingerprint(cleaned.get("fingerprint") or "") != self.digest(stored):
                raise forms.ValidationError(
                    _("此记录已被他人修改，您看到的是旧数据；请重新打开本页，核对后再修改。"), code="stale")
        return cleaned


class AmountForm(forms.ModelForm):
    """An amount cell edited in the admin: validated as printed, like on the review pages."""

    printed = AmountField(label=_("原文"), required=True)


class AmountReasonForm(ReasonForm, AmountForm):
    """An amount cell's own change page: validated as printed, with a reason and a fingerprint."""


class DisclosureReasonForm(ReasonForm):
    lock_related = ("projects",)


class TargetReasonForm(ReasonForm):
    lock_related = ("indicators",)


class LineReasonForm(ReasonForm):
    lock_related = ("amounts",)
    code = CodeField()


class ProjectReasonForm(ReasonForm):
    amount_printed = AmountField(label=_("预算安排规模（原文）"))


class DepartmentFilter(admin.RelatedFieldListFilter):
    """A department filter offering only the departments the user may see."""

    def field_choices(self, field, request, model_admin):
        return [(d.pk, str(d)) for d in access.restrict(field.related_model.objects.all(), request.user)]


class ChoicesFilter(admin.SimpleListFilter):
    """A list filter offering fixed ``options`` of ``parameter_name``: no scan for its distinct values."""

    options = ()

    def lookups(self, request, model_admin):
        return self.options() if callable(self.options) else self.options

    def queryset(self, request, queryset):
        value = self.value()
        return queryset if value is None else queryset.filter(**{self.parameter_name: value})


def choices_filter(field, title, options):
    """A ChoicesFilter class for ``field`` (a lookup path) titled ``title``: ``options`` or a function giving them."""
    return type(f"ChoicesFilter_{field}", (ChoicesFilter,), {"parameter_name": field, "title": title,
                                                              "options": staticmethod(options) if callable(options)
                                                              else options})


class IndexedValuesFilter(admin.AllValuesFieldListFilter):
    """Django's filter by every value of a text field, the values read through the field's index."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = distinct_values(model_admin.get_queryset(request), field_path)


def indexed_values_filters(model, list_filter):
    """``list_filter`` with each plain text field of ``model`` itself filtered by IndexedValuesFilter."""
    names = {f.name for f in model._meta.fields}
    return [(item, IndexedValuesFilter) if isinstance(item, str) and item in names and is_text(model, item) else item
            for item in list_filter]


class LightChangeList(ChangeList):
    """A changelist whose rows never load their disclosure's heavy fields, however they join it."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        path = access.disclosure_path(self.model)
        return queryset.defer(*(f"{path}__{f}" if path else f for f in Disclosure.HEAVY_FIELDS))


class RestrictedMixin:
    """What a ModelAdmin and an inline share: the restricted queryset and read-only links."""

    def get_queryset(self, request):
        return access.restrict(super().get_queryset(request), request.user, access.VIEW)

    def get_readonly_fields(self, request, obj=None):
        links = [f.name for f in self.model._meta.fields if isinstance(f, models.ForeignKey)]
        return [*super().get_readonly_fields(request, obj), *(f for f in links if f not in self.readonly_fields)]


class RestrictedAdmin(RestrictedMixin, admin.ModelAdmin):
    """A ModelAdmin whose records are seen and changed only as the access rule allows.

    Records come from imports: there is no add page, and no bulk delete (each delete is decided
    on the record, through its own page). A changelist costs the same at a million rows as at a
    thousand: it counts up to ``paging.COUNT_CAP``, never the unfiltered total, and loads no
    disclosure's heavy fields.
    """

    form = ReasonForm
    show_full_result_count = False
    paginator = CappedCountPaginator

    def get_changelist(self, request, **kwargs):
        return LightChangeList

    def get_list_filter(self, request):
        return indexed_values_filters(self.model, super().get_list_filter(request))

    def get_search_results(self, request, queryset, search_term):
        """Each word of the search in one of ``search_fields``, as Django's admin asks, but through
        ``short_search``: a word of one or two characters reads the gram indexes on PostgreSQL (the
        trigram indexes that serve longer words need three)."""
        fields = self.get_search_fields(request)
        if not fields or not search_term:
            return super().get_search_results(request, queryset, search_term)
        vendor = connections[queryset.db].vendor
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[-1] == word[0]:
                word = unescape_string_literal(word)
            queryset = queryset.filter(reduce(or_, (short_search.condition(f, word, vendor) for f in fields)))
        return queryset, any(lookup_spawns_duplicates(self.opts, field) for field in fields)

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return access.may(request.user, access.VIEW, obj) if obj else super().has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        if not has_history(self.model):
            return False
        return access.may(request.user, access.CHANGE, obj) if obj else super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return access.may(request.user, access.DELETE, obj) if obj else super().has_delete_permission(request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            fields += [name for name in (REASON, "fingerprint") if name not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        revision = self.revision(request, obj, form)
        revision.save(obj)
        revision.commit()

    def save_formset(self, request, form, formset, change):
        revision = self.revision(request, form.instance, form)
        for record in formset.save(commit=False):
            revision.save(record)
        for record in formset.deleted_objects:
            revision.delete(record)
        revision.commit()
        formset.save_m2m()

    def revision(self, request, obj, form):
        return Revision(access.disclosure_of(obj), request.user, form.cleaned_data.get(REASON, ""))


class RestrictedInline(RestrictedMixin):
    """An inline on a record's page: editable only where its parent and its own rows may change."""

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or access.may(
            request.user, access.VIEW, obj))

    def has_change_permission(self, request, obj=None):
        return has_history(self.model) and self._may_change(request, obj, "change")

    def has_add_permission(self, request, obj=None):
        return has_history(self.model) and self._may_change(request, obj, "add")

    def has_delete_permission(self, request, obj=None):
        return has_history(self.model) and self._may_change(request, obj, "delete")

    def _may_change(self, request, parent, action):
        allowed = access.may_act(request.user, action, self.model)
        return allowed and parent is not None and access.may(request.user, access.CHANGE, parent)
