"""Parts another app adds to a disclosure: its disclosure-v1 key, records, checks input, history and panel.

``disclosures`` never imports the apps that extend it. An app declares a :class:`Part` and registers
it from its ``AppConfig.ready()`` (as it registers its models with ``disclosures.access``); ingest,
validation, the JSON export, the checks' context, the timeline and the disclosure page then take
every registered part in turn, where they used to name the app's models.
"""
from dataclasses import dataclass, field

PARTS = {}


def nothing(*args):
    return ()


@dataclass(frozen=True)
class Part:
    """One disclosure-v1 key and what each of the core's steps does with it.

    ``validate(items)`` raises ``InvalidDisclosure`` before anything is saved; ``save(disclosure,
    items)`` creates the records inside ingest's transaction; ``export(disclosure)`` gives the
    value back; ``load(ctx)`` sets the attributes the part's rules read on the checks' context,
    ``texts(ctx)`` yields its (free text, finding links) for the editorial rules; ``history`` are
    the timeline's ``Source`` rows; ``panel`` is the template of its section of the disclosure page,
    rendered with ``panel_context(disclosure)`` as ``part``, listed in the page's contents as ``title``
    when any value of that context is non-empty.
    """

    key: str
    validate: callable
    save: callable
    export: callable
    load: callable = nothing
    texts: callable = nothing
    history: tuple = field(default=())
    panel: str = ""
    panel_context: callable = nothing
    title: str = ""


def register_part(part):
    """Add ``part`` (once per key: registering the key again replaces it)."""
    PARTS[part.key] = part


def parts():
    return tuple(PARTS.values())
