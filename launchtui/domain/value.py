"""What each phase returned: measures, baseline and impact figures, costs, ROI and payback.

The second source document's rule: a phase stands on its own measured value, and the next
one is funded from what the last one actually returned. So every figure here is measured
or recorded, never projected, and every result carries the inputs it came from. A missing
input gives a result that names what is missing (`Result.missing`), never a zero.

The money model, kept deliberately plain so a manager can check it by hand:

- value per month = minutes saved per user per week / 60 x group size x hourly cost
  x 52/12 weeks a month, for the measures counted in time per user per week;
- a cost is one-off (counted on its date) or recurring (per month or per year, spread by
  day from its date); each is paid in its own currency and converted at the rate recorded
  with it, so a moving rate shows;
- value to date is the value per month over the months since the group started;
- payback: the day value to date first covers one-off costs plus recurring costs to date
  (never, when the recurring costs eat the value);
- ROI = (value - cost) / cost, to date and over the first twelve months.

Pure: dates in, frozen dataclasses out; the clock is an argument.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from launchtui.text.i18n import N_, t

WEEKS_PER_MONTH = 52 / 12
DAYS_PER_MONTH = 365.25 / 12
MAX_NAME = 60
MAX_TEXT = 500
MAX_AMOUNT = 1e12

# Units a measure in time per user per week can be given in -> minutes each.
TIME_UNITS = {
    "min/week": 1.0,
    "minutes/week": 1.0,
    "min/wk": 1.0,
    "h/week": 60.0,
    "hours/week": 60.0,
    "h/wk": 60.0,
}

ONE_OFF, RECURRING = "one-off", "recurring"
COST_KINDS = (ONE_OFF, RECURRING)
MONTH, YEAR = "month", "year"
PERIODS = (MONTH, YEAR)
BASELINE, IMPACT = "baseline", "impact"

# ISO 4217 active currency codes (kept here: the domain needs no download to check one).
_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
    EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD
    IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
    STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
    VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
    """
CURRENCIES = frozenset(_CODES.split())
DEFAULT_PAID_IN = "USD"

# The guide's four common objections, each with the response it suggests (our words).
# Kinds are stable ids; the texts are translated where they are drawn (`starter_text`).
OBJECTION_KINDS = ("no-time", "old-way-fine", "too-complicated", "why-change", "other")
STARTERS: dict[str, tuple[str, str]] = {
    "no-time": (
        N_("I have no time to learn this."),
        N_(
            "Training takes about an hour, and once learned it saves you time every week"
            " (see the measured minutes saved)."
        ),
    ),
    "old-way-fine": (
        N_("The old way worked fine."),
        N_(
            "It did the job, but it had a specific pain point that the new tool takes"
            " away: name the one this person feels."
        ),
    ),
    "too-complicated": (
        N_("This looks complicated."),
        N_(
            "The pilot users thought so too, and found it easy after a day of real use."
            " Give it a fair try; a champion is there to help."
        ),
    ),
    "why-change": (
        N_("Why are we changing at all?"),
        N_(
            "The old way costs us time and money on a specific problem; the new tool"
            " solves it. Show the baseline figure."
        ),
    ),
}


def starter_text(kind: str) -> tuple[str, str] | None:
    """The objection and its suggested response, in the current language; None for `other`."""
    pair = STARTERS.get(kind)
    return (t(pair[0]), t(pair[1])) if pair else None


def kind_label(kind: str) -> str:
    """A short name of an objection kind, translated."""
    return {
        "no-time": t("no time to learn"),
        "old-way-fine": t("old way was fine"),
        "too-complicated": t("seems complicated"),
        "why-change": t("why change"),
        "other": t("other"),
    }.get(kind, kind)


# -- records -------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A named measure of the work (minutes a key task takes, errors a week)."""

    name: str
    unit: str
    lower_is_better: bool
    id: int | None = None

    @property
    def minutes_each(self) -> float | None:
        """Minutes per user per week one unit is, when the unit is such a time; else None."""
        return TIME_UNITS.get(self.unit.strip().lower().replace(" ", ""))


@dataclass(frozen=True)
class Reading:
    """A baseline (before launch) or impact (after) figure of one measure for one group."""

    measure: str
    phase: int
    kind: str  # baseline | impact
    date: dt.date
    value: float
    id: int | None = None


@dataclass(frozen=True)
class Cost:
    """One cost, in the currency it is paid in, with the rate to the organisation's."""

    label: str
    amount: float
    currency: str
    rate: float  # organisation's currency per unit of `currency`
    kind: str  # one-off | recurring
    date: dt.date  # paid on (one-off) or counted from (recurring)
    period: str | None = None  # month | year, for a recurring cost
    phase: int | None = None  # None: shared by the whole rollout
    id: int | None = None

    @property
    def converted(self) -> float:
        """The amount in the organisation's currency."""
        return self.amount * self.rate

    @property
    def per_month(self) -> float:
        """A recurring cost per month in the organisation's currency (0 for a one-off)."""
        if self.kind != RECURRING:
            return 0.0
        return self.converted / 12 if self.period == YEAR else self.converted

    def to_date(self, on: dt.date) -> float:
        """What it has cost by the end of `on`, in the organisation's currency."""
        if on < self.date:
            return 0.0
        if self.kind == ONE_OFF:
            return self.converted
        return self.per_month * months_between(self.date, on)


@dataclass(frozen=True)
class Objection:
    """Resistance heard: which kind, from which group and place, the response, whether it helped."""

    kind: str
    phase: int | None
    location: str | None
    said: str | None
    response: str | None
    helped: bool | None
    date: dt.date
    person: str | None = None
    id: int | None = None
    outcome_note: str | None = None  # with the latest later verdict on `helped`, if any
    outcome_date: dt.date | None = None  # when that verdict was given; None: none later


# Words for "it helped" and "it did not", in both languages (the command takes either).
HELPED_WORDS = {
    True: ("yes", "y", "ja", "j", "helped", "true"),
    False: ("no", "n", "nee", "did-not-help", "false"),
}


def parse_helped(value: str | None, what: str = "HELPED") -> bool:
    """'yes' or 'no' (also 'ja' or 'nee'); ValueError naming `what` otherwise."""
    text = (value or "").strip().casefold()
    for answer, words in HELPED_WORDS.items():
        if text in words:
            return answer
    raise ValueError(
        t("{what}: {value!r} is not yes or no", what=what, value=(value or "").strip()[:20])
    )


def parse_objection_id(value: str | int | None) -> int:
    """'3' or '#3' -> 3; ValueError otherwise."""
    text = str(value if value is not None else "").strip().removeprefix("#")
    if not text.isdigit() or int(text) < 1:
        raise ValueError(
            t(
                "{value!r} is not an objection number like 3",
                value=str(value if value is not None else "").strip()[:20],
            )
        )
    return int(text)


# -- checks --------------------------------------------------------------------


def check_name(value: str | None, what: str = "name") -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValueError(t("{what}: empty; give a name", what=what))
    if len(text) > MAX_NAME:
        raise ValueError(t("{what}: longer than {n} characters", what=what, n=MAX_NAME))
    return text


def check_currency(value: str | None, what: str = "currency") -> str:
    """An ISO 4217 code like USD or SRD (any case); ValueError naming it otherwise."""
    code = (value or "").strip().upper()
    if code not in CURRENCIES:
        raise ValueError(
            t(
                "{what}: {code!r} is not an ISO 4217 currency code like USD, EUR or SRD",
                what=what,
                code=(value or "").strip()[:20],
            )
        )
    return code


def parse_number(value: float | str | None, what: str) -> float:
    """A number as typed ('12,000', '12.000,50', '36,5'); ValueError naming `what`."""
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = (value or "").strip().replace(" ", "").replace("_", "")
        if "," in text and "." in text:
            # the later mark is the decimal one: 12,000.50 or 12.000,50
            thousands = "," if text.rfind(",") < text.rfind(".") else "."
            text = text.replace(thousands, "").replace(",", ".")
        elif text.count(",") == 1 and len(text.split(",")[1]) != 3:
            text = text.replace(",", ".")  # 36,5: a decimal comma
        else:
            text = text.replace(",", "")  # 12,000: thousands
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                t("{what}: {value!r} is not a number", what=what, value=str(value)[:30])
            ) from None
    if not math.isfinite(number) or abs(number) > MAX_AMOUNT:
        raise ValueError(t("{what}: {value!r} is not a number", what=what, value=str(value)[:30]))
    return number


def check_amount(value: float | str | None, what: str = "amount") -> float:
    number = parse_number(value, what)
    if number < 0:
        raise ValueError(
            t("{what}: {value} is negative; a cost is 0 or more", what=what, value=value)
        )
    return number


def check_rate(value: float | str | None, what: str = "rate") -> float:
    number = parse_number(value, what)
    if number <= 0:
        raise ValueError(
            t(
                "{what}: {value} must be above 0 (units of the organisation's currency per"
                " unit paid)",
                what=what,
                value=value,
            )
        )
    return number


def new_cost(
    label: str,
    amount: float | str,
    currency: str | None,
    rate: float | str | None,
    kind: str,
    date: dt.date,
    *,
    period: str | None = None,
    phase: int | None = None,
    home: str | None = None,
) -> Cost:
    """A checked cost. The rate may be left out only when it is paid in `home`, the
    organisation's own currency (then it is 1)."""
    amount = check_amount(amount, "--amount")
    paid_in = check_currency(currency or DEFAULT_PAID_IN, "--currency")
    if kind not in COST_KINDS:
        raise ValueError(t("kind: {kind!r} is not one-off or recurring", kind=kind))
    if kind == RECURRING and period not in PERIODS:
        raise ValueError(t("--per: a recurring cost is per month or per year"))
    if kind == ONE_OFF:
        period = None
    if rate is None or (isinstance(rate, str) and not rate.strip()):
        if home is not None and paid_in == home:
            rate = 1.0
        else:
            raise ValueError(
                t(
                    "--rate: give the rate from {paid} to {home} recorded for this cost",
                    paid=paid_in,
                    home=home or t("the organisation's currency"),
                )
            )
    return Cost(
        label=check_name(label, "label"),
        amount=check_amount(amount, "--amount"),
        currency=paid_in,
        rate=check_rate(rate, "--rate"),
        kind=kind,
        date=date,
        period=period,
        phase=phase,
    )


# -- results -------------------------------------------------------------------


@dataclass(frozen=True)
class Saving:
    """One measure's change against its baseline for one group."""

    measure: Measure
    baseline: Reading
    impact: Reading

    @property
    def improvement(self) -> float:
        """How much better (positive) or worse (negative), in the measure's unit."""
        delta = self.baseline.value - self.impact.value
        return delta if self.measure.lower_is_better else -delta

    @property
    def percent(self) -> float | None:
        if self.baseline.value == 0:
            return None
        return self.improvement / abs(self.baseline.value) * 100

    @property
    def minutes_per_week(self) -> float | None:
        """Minutes saved per user per week, for a time measure; None otherwise."""
        each = self.measure.minutes_each
        return None if each is None else self.improvement * each


@dataclass(frozen=True)
class Returned:
    """What one phase (or the whole rollout: `phase` None) returned by `as_of`.

    Every money figure is in `currency` (the organisation's). A figure that cannot be
    worked out is None and `missing` names why; nothing missing is ever counted as zero.
    """

    phase: int | None
    as_of: dt.date
    currency: str | None
    start: dt.date | None  # when the group(s) began to use the tool
    group_size: float | None
    hourly_cost: float | None
    savings: tuple[Saving, ...]
    costs: tuple[Cost, ...]
    minutes_per_week: float | None  # saved per user, over the time measures
    value_per_month: float | None
    value_to_date: float | None
    one_off: float
    recurring_per_month: float
    cost_to_date: float
    cost_first_year: float
    payback: dt.date | None
    never_pays_back: bool
    roi_to_date: float | None  # a fraction: 0.25 is 25%
    roi_first_year: float | None
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        return not self.missing


def months_between(start: dt.date, end: dt.date) -> float:
    """Months from the start of `start` to the end of `end` (both days count)."""
    days = (end - start).days + 1
    return max(0.0, days / DAYS_PER_MONTH)


def value_per_month(minutes_per_week: float, group_size: float, hourly_cost: float) -> float:
    """Minutes saved per user per week, valued for the whole group over a month."""
    return minutes_per_week / 60 * group_size * hourly_cost * WEEKS_PER_MONTH


def payback_date(
    start: dt.date, one_off: float, value_month: float, recurring_month: float
) -> dt.date | None:
    """The first day value since `start` covers the one-off costs and the recurring ones
    so far; None when it never does (recurring costs as large as the value, or larger)."""
    net = value_month - recurring_month
    if net <= 0:
        return None
    if one_off <= 0:
        return start
    days = math.ceil(one_off / net * DAYS_PER_MONTH - 1e-9)
    return start + dt.timedelta(days=max(days - 1, 0))


def latest_savings(
    measures: Sequence[Measure], readings: Iterable[Reading], phase: int, as_of: dt.date
) -> tuple[list[Saving], list[str]]:
    """Each measure's latest baseline and latest impact of `phase` up to `as_of`; and what is
    missing (a measure with impact figures but no baseline, or none measured at all)."""
    base: dict[str, Reading] = {}
    impact: dict[str, Reading] = {}
    for r in readings:
        if r.phase != phase or r.date > as_of:
            continue
        into = base if r.kind == BASELINE else impact
        known = into.get(r.measure)
        if known is None or (r.date, r.id or 0) >= (known.date, known.id or 0):
            into[r.measure] = r
    savings: list[Saving] = []
    missing: list[str] = []
    for m in measures:
        b, i = base.get(m.name), impact.get(m.name)
        if b is None and i is not None:
            missing.append(t("a baseline of {measure}", measure=m.name))
        elif b is not None and i is None:
            missing.append(t("an impact figure of {measure}", measure=m.name))
        elif b is not None and i is not None:
            savings.append(Saving(m, b, i))
    return savings, missing


def returned(
    *,
    phase: int | None,
    as_of: dt.date,
    currency: str | None,
    start: dt.date | None,
    group_size: float | None,
    hourly_cost: float | None,
    savings: Sequence[Saving],
    costs: Sequence[Cost],
    missing: Sequence[str] = (),
) -> Returned:
    """The one evaluator of value and ROI: every view shows what this returns."""
    lacking = list(missing)
    if currency is None:
        lacking.append(t("the organisation's currency (launchtui value settings --currency)"))
    if hourly_cost is None:
        lacking.append(t("an hourly cost (launchtui value settings --hourly-cost)"))
    if group_size is None:
        lacking.append(t("the group's size (the team size: launchtui init --team-size)"))
    if start is None:
        lacking.append(t("the group's start date"))
    timed = [s.minutes_per_week for s in savings if s.minutes_per_week is not None]
    if not timed:
        lacking.append(
            t("a time measure (unit min/week or h/week) with a baseline and an impact figure")
        )
    if not costs:
        lacking.append(t("costs (launchtui cost add)"))
    minutes = sum(timed) if timed else None
    per_month = to_date = None
    if None not in (minutes, group_size, hourly_cost, currency):
        per_month = value_per_month(minutes, group_size, hourly_cost)
        if start is not None:
            to_date = per_month * months_between(start, as_of) if as_of >= start else 0.0
    return _priced(
        phase,
        as_of,
        currency,
        start,
        group_size,
        hourly_cost,
        savings,
        costs,
        minutes,
        per_month,
        to_date,
        lacking,
    )


def combined(
    parts: Sequence[Returned],
    *,
    as_of: dt.date,
    currency: str | None,
    hourly_cost: float | None,
    team_size: float | None,
    costs: Sequence[Cost],
) -> Returned:
    """The whole rollout from its groups' results: their values added up, every cost
    (shared ones too). A group whose value cannot be worked out makes the total
    incomplete, naming it, never smaller."""
    lacking = [
        t("phase {n}: {what}", n=p.phase, what=what)
        for p in parts
        for what in p.missing
        if p.value_per_month is None or p.value_to_date is None
    ]
    if not parts:
        lacking.append(t("a group that has started"))
    if team_size is None:
        lacking.append(t("the group's size (the team size: launchtui init --team-size)"))
    if not costs:
        lacking.append(t("costs (launchtui cost add)"))
    valued = [p for p in parts if p.value_per_month is not None and p.value_to_date is not None]
    per_month = to_date = minutes = None
    if valued and len(valued) == len(parts) and team_size:
        per_month = sum(p.value_per_month or 0.0 for p in valued)
        to_date = sum(p.value_to_date or 0.0 for p in valued)
        # minutes per user over everyone: each group's minutes weighed by its size
        minutes = sum((p.minutes_per_week or 0) * (p.group_size or 0) for p in valued) / team_size
    start = min((p.start for p in parts if p.start is not None), default=None)
    savings = tuple(s for p in parts for s in p.savings)
    return _priced(
        None,
        as_of,
        currency,
        start,
        team_size,
        hourly_cost,
        savings,
        costs,
        minutes,
        per_month,
        to_date,
        lacking,
    )


def _priced(
    phase: int | None,
    as_of: dt.date,
    currency: str | None,
    start: dt.date | None,
    group_size: float | None,
    hourly_cost: float | None,
    savings: Sequence[Saving],
    costs: Sequence[Cost],
    minutes: float | None,
    per_month: float | None,
    to_date: float | None,
    lacking: list[str],
) -> Returned:
    """Costs, payback and ROI against a value already worked out (or None: missing)."""
    one_off = sum(c.converted for c in costs if c.kind == ONE_OFF)
    recurring = sum(c.per_month for c in costs)
    cost_to_date = sum(c.to_date(as_of) for c in costs)
    first_year = one_off + 12 * recurring
    payback = roi = roi_year = None
    never = False
    if per_month is not None and costs:
        if start is not None:
            payback = payback_date(start, one_off, per_month, recurring)
            never = payback is None
        if cost_to_date > 0 and to_date is not None:
            roi = (to_date - cost_to_date) / cost_to_date
        else:
            lacking.append(t("a cost dated on or before {date}", date=as_of.isoformat()))
        if first_year > 0:
            roi_year = (12 * per_month - first_year) / first_year
    return Returned(
        phase=phase,
        as_of=as_of,
        currency=currency,
        start=start,
        group_size=group_size,
        hourly_cost=hourly_cost,
        savings=tuple(savings),
        costs=tuple(costs),
        minutes_per_week=minutes,
        value_per_month=per_month,
        value_to_date=to_date,
        one_off=one_off,
        recurring_per_month=recurring,
        cost_to_date=cost_to_date,
        cost_first_year=first_year,
        payback=payback,
        never_pays_back=never,
        roi_to_date=roi,
        roi_first_year=roi_year,
        missing=tuple(dict.fromkeys(lacking)),
    )


# -- reviews -------------------------------------------------------------------
