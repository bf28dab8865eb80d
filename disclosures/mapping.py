"""The correspondence of disclosure-v1 keys and model fields, declared once for both directions.

Ingest builds records with :meth:`Mapping.values` and the JSON export turns them back with
:meth:`Mapping.as_dict`; one declaration keeps ``export(ingest(data)) == data``. A blank string
is stored as ``""`` and exported as ``None`` (``null``) unless a field says otherwise.
"""
from dataclasses import dataclass
from datetime import date


def same(value):
    return value


def or_blank(value):
    return value or ""


def or_none(value):
    return value or None


def or_list(value):
    return value or []


def to_date(value):
    return date.fromisoformat(value) if value else None


def from_date(value):
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Field:
    """``key`` of the dict ↔ ``field`` of the model; ``to_model`` None: export only (ingest sets it)."""

    key: str
    field: str = ""
    to_model: callable = or_blank
    to_dict: callable = or_none
    required: bool = False

    @property
    def name(self):
        return self.field or self.key


def required(key, field=""):
    """A key every item has, stored and exported as is."""
    return Field(key, field, same, same, required=True)


def kept(key, field="", to_model=same):
    """A key exported exactly as stored."""
    return Field(key, field, to_model, same)


def listed(key, field=""):
    return Field(key, field, or_list, list)


def dated(key, field=""):
    return Field(key, field, to_date, from_date)


@dataclass(frozen=True)
class Mapping:
    """The fields of one model as disclosure-v1 writes them.

    ``source`` names what the item's ``source`` object carries: ``("page",)`` or ``("page", "bbox")``,
    kept in ``source_page`` and ``source_bbox``.
    """

    fields: tuple
    source: tuple = ()

    def values(self, item):
        """The model's field values for the dict ``item``."""
        out = {f.name: f.to_model(item[f.key] if f.required else item.get(f.key))
               for f in self.fields if f.to_model is not None}
        if self.source:
            source = item.get("source") or {}
            out.update({f"source_{part}": source.get(part) for part in self.source})
        return out

    def as_dict(self, obj, **extra):
        """The dict of the record ``obj``: its fields in order, then ``extra``, then its ``source``."""
        out = {f.key: f.to_dict(getattr(obj, f.name)) for f in self.fields}
        out.update(extra)
        if self.source:
            page = obj.source_page
            if page is not None:
                out["source"] = {"page": page}
                bbox = obj.source_bbox if "bbox" in self.source else None
                if bbox:
                    out["source"]["bbox"] = bbox
        return out


def department_name(department):
    return department.name


# The disclosure's own records. ``document`` and ``overview`` are both kept on the Disclosure.
DOCUMENT = Mapping((required("kind"), required("fiscal_year"), Field("department", to_model=None,
                    to_dict=department_name), required("amount_unit"), dated("published_on")))
OVERVIEW = Mapping((Field("functions"), listed("offices")))
UNIT = Mapping((required("name"), Field("kind")))
TABLE = Mapping((required("kind"), required("number"), required("title"), listed("pages"), Field("amount_unit"),
                 Field("empty_note")))
LINE = Mapping((required("row_type"), Field("side"), Field("code"), required("name"), Field("unit", "unit_name"),
                Field("project")), source=("page", "bbox"))
PROJECT = Mapping((required("name"), Field("unit", "unit_name"), Field("basis"), Field("amount", "amount_printed"),
                   Field("allocation"), dated("period_start"), dated("period_end")), source=("page",))
SECTION = Mapping((required("heading"), kept("text", to_model=or_blank), kept("pages", to_model=or_list)))
