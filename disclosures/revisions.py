"""Saving corrections so that history says who changed what, when, why, and from what.

Every record a form submission touches is saved with the submission's user and reason
(django-simple-history copies both into the historical row). Lines, amounts and indicators
are bulk-created by ingest without history, so before a record's first edit its imported
state is written as a baseline row (dated at the import, no reason): the edit then has a
"before" to be diffed against.

An edit form carries a fingerprint of the records it shows; the save is refused when the
records no longer match it (someone else saved in between: no lost update).
"""
import hashlib
import json
from collections import defaultdict

from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile

FINGERPRINT_SALT = "disclosures.revisions.fingerprint"


class Revision:
    """The saves and deletions of one form submission, all under one user and reason."""

    def __init__(self, disclosure, user, reason):
        self.disclosure, self.user, self.reason = disclosure, user, reason
        self.saves, self.deletes = [], []

    def __bool__(self):
        return bool(self.saves or self.deletes)

    def save(self, record):
        self.saves.append(record)

    def delete(self, record):
        self.deletes.append(record)

    def commit(self):
        """Write it all; call inside the submission's transaction."""
        self.keep_baselines([r for r in self.saves if r.pk is not None])
        for record in self.saves:
            self.stamp(record).save()
        for record in self.deletes:
            self.stamp(record).delete()

    def stamp(self, record):
        record._history_user = self.user
        record._change_reason = self.reason
        return record

    def keep_baselines(self, records):
        """A baseline history row for each of ``records`` that has none, from its stored state."""
        by_model = defaultdict(set)
        for record in records:
            by_model[type(record)].add(record.pk)
        for model, pks in by_model.items():
            pks -= set(model.history.filter(id__in=pks).values_list("id", flat=True))
            if pks:
                model.history.bulk_history_create(
                    model.objects.filter(pk__in=pks),
                    default_user=self.disclosure.uploaded_by,
                    default_date=self.disclosure.uploaded_at,
                )


class _StateEncoder(DjangoJSONEncoder):
    def default(self, o):
        return o.name if isinstance(o, FieldFile) else super().default(o)


def state_digest(*records):
    """A short SHA-256 over every stored field of ``records``; it changes when any of them does."""
    values = [[r._meta.label, *(f.value_from_object(r) for f in r._meta.concrete_fields)] for r in records]
    text = json.dumps(values, cls=_StateEncoder, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def sign_fingerprint(digests):
    """The hidden form value for ``digests`` (record pk as text → state_digest), signed."""
    return signing.dumps(digests, salt=FINGERPRINT_SALT)


def read_fingerprint(value):
    """The digests a form was rendered from, or None if ``value`` is missing or was not signed here."""
    try:
        return signing.loads(value, salt=FINGERPRINT_SALT)
    except signing.BadSignature:
        return None
