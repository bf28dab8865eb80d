"""Values printed in a performance target table: 指标值, 分值权重, 佐证资料, a contact's phone."""
from disclosures.parsing.numbers import normalize
from disclosures.parsing.vocab.performance import (
    COMPARATORS,
    EVIDENCE_SEPARATORS,
    NUMBER_UNIT_RE,
    PHONE_MIN_DIGITS,
    PHONE_TAIL_RE,
    WEIGHT_RE,
)


def parse_target(text):
    """``"＞=120个"`` → (``">="``, ``"120"``, ``"个"``); parts not printed are None."""
    rest = normalize(text)
    comparator = None
    for printed, symbol in COMPARATORS:
        if rest.startswith(printed):
            comparator, rest = symbol, rest[len(printed):]
            break
    match = NUMBER_UNIT_RE.match(rest)
    if not match:
        return comparator, None, None
    return comparator, match.group(1).replace(",", ""), match.group(2) or None


def parse_weight(text):
    """``"15"`` → 15, ``"2.5"`` → 2.5; None when blank or not a number."""
    match = WEIGHT_RE.match(normalize(text))
    if not match:
        return None
    value = float(match.group(1))
    return int(value) if value.is_integer() else value


def split_evidence(text):
    """``"会议纪要,工作台账，验收报告"`` → the three names; [] when blank."""
    return [part.strip() for part in EVIDENCE_SEPARATORS.split(text or "") if part.strip()]


def split_phone(text):
    """``"张三 0991-4184345"`` → (``"张三"``, ``"0991-4184345"``); (text, None) without a phone."""
    text = (text or "").strip()
    match = PHONE_TAIL_RE.match(text)
    if not match or sum(ch.isdigit() for ch in match.group(2)) < PHONE_MIN_DIGITS:
        return text or None, None
    return match.group(1).strip() or None, match.group(2).strip()
