"""Every word a chart shows, in Dutch and English, and the Vega locales (numbers, month names).

Examples:
    >>> text("phase", "nl"), text("phase", "en")
    ('Fase', 'Phase')
    >>> text("threshold", "en", h="100")
    'Bonus threshold 100 h'
"""

from __future__ import annotations

from leadanalytics.config.languages import LANGS, Lang, check_lang  # noqa: F401 (re-exported)

TEXTS: dict[str, tuple[str, str]] = {
    # shared words
    "leads": ("Leads", "Leads"),
    "leads_count": ("Leads (aantal)", "Leads (count)"),
    "phase": ("Fase", "Phase"),
    "phase_group": ("Fasegroep", "Phase group"),
    "business_unit": ("Business unit", "Business unit"),
    "days": ("Dagen", "Days"),
    "branch_of": ("Vestiging", "Branch"),
    "source": ("Bron", "Source"),
    "priority": ("Prioriteit", "Priority"),
    "category": ("Categorie", "Category"),
    "client": ("Klant", "Client"),
    "other": ("Overig", "Other"),
    "none": ("(geen)", "(none)"),
    "note": ("Opmerking", "Note"),
    "no_rows": ("Geen rijen voor deze scope en datum", "No rows for this scope and date"),
    # phase overview and groups
    "phase_overview.title": ("Leads per fase", "Leads per phase"),
    "phase_group.title": ("Leads per fasegroep", "Leads per phase group"),
    # inflow
    "inflow.title": ("Instroom per week", "Inflow per week"),
    "inflow.title_month": ("Instroom per maand", "Inflow per month"),
    "week": ("Week (maandag)", "Week (Monday)"),
    "month": ("Maand", "Month"),
    "series": ("Reeks", "Series"),
    "created": ("Aangemaakt", "Created"),
    "started": ("Gestart", "Started"),
    # funnel
    "funnel.title": ("Trechter: leads per stap", "Funnel: leads per step"),
    "funnel.x": ("Leads die de stap bereikten (aantal)", "Leads that reached the step (count)"),
    "step": ("Stap", "Step"),
    "conversion": ("Conversie vanaf vorige stap", "Conversion from previous step"),
    "ci_low": ("95%-interval, laag", "95% interval, low"),
    "ci_high": ("95%-interval, hoog", "95% interval, high"),
    # time in phase
    "tip.title": ("Tijd in fase (afgeronde verblijven)", "Time in phase (completed stays)"),
    "tip.x": ("Dagen in fase (mediaan; streepje: 90e percentiel)",
              "Days in phase (median; tick: 90th percentile)"),
    "completed_stays": ("Afgeronde verblijven", "Completed stays"),
    "median_days": ("Mediaan (dagen)", "Median (days)"),
    "p90_days": ("90e percentiel (dagen)", "90th percentile (days)"),
    # cohorts
    "cohort.title": ("Cohorten: aandeel gewonnen binnen 30/60/90 dagen na start",
                     "Cohorts: share won within 30/60/90 days of start"),
    "cohort.x": ("Maand van start", "Month of start"),
    "cohort": ("Cohort", "Cohort"),
    "share_won": ("Aandeel gewonnen", "Share won"),
    "window": ("Venster", "Window"),
    "within_days": ("binnen {n} dagen", "within {n} days"),
    "no_window": (" (nog geen venster verstreken)", " (no window has passed yet)"),
    # survival, cumulative incidence
    "survival.title": ("Tijd tot besluit (Kaplan-Meier)", "Time to decision (Kaplan-Meier)"),
    "days_since_start": ("Dagen sinds start", "Days since start"),
    "still_open": ("Aandeel nog zonder besluit", "Share still undecided"),
    "at_risk": ("Nog gevolgd", "At risk"),
    "incidence.title": ("Tijd tot opdracht (cumulatieve incidentie)",
                        "Time to assignment (cumulative incidence)"),
    # ageing, reasons
    "ageing.title": ("Veroudering van open leads", "Ageing of open leads"),
    "age_days": ("Dagen sinds laatste wijziging", "Days since last change"),
    "open_leads": ("Open leads (aantal)", "Open leads (count)"),
    "reasons.title": ("Redenen van afwijzing en annulering", "Reasons for rejection and cancellation"),
    "reason": ("Reden", "Reason"),
    # hours and bonuses
    "hours.title": ("Gefactureerde uren per opdracht", "Invoiced hours per assignment"),
    "pipeline.title": ("Bonuspijplijn: gefactureerde uren tot de drempel",
                       "Bonus pipeline: invoiced hours towards the threshold"),
    "hours.x": ("Gefactureerde uren (klassen van {w} u)", "Invoiced hours (bins of {w} h)"),
    "hours_bin": ("Uren", "Hours"),
    "assignments": ("Opdrachten (aantal)", "Assignments (count)"),
    "threshold": ("Bonusdrempel {h} u", "Bonus threshold {h} h"),
    "by_submitter.title": ("Gewonnen leads per indiener (top {n})", "Won leads per submitter (top {n})"),
    "by_submitter.rest": ("De overige {submitters} indieners samen: {leads} gewonnen leads (niet als balk getekend)",
                          "The other {submitters} submitters together: {leads} won leads (not drawn as a bar)"),
    "submitter": ("Indiener", "Submitter"),
    "won_leads": ("Gewonnen leads (aantal)", "Won leads (count)"),
    "state": ("Stand", "State"),
    "reached": ("Drempel bereikt", "Threshold reached"),
    "not_reached": ("Drempel nog niet bereikt", "Threshold not yet reached"),
    "payouts.title": ("Bonussen per uitbetalingsmaand", "Bonuses per payout month"),
    "payout_month": ("Uitbetalingsmaand", "Payout month"),
    "amount": ("Bedrag (EUR)", "Amount (EUR)"),
    "earned": ("Verdiend (nog niet betaald)", "Earned (not yet paid)"),
    "paid": ("Betaald", "Paid"),
    # data quality
    "quarantine.title": ("Rijen in quarantaine per regel", "Quarantined rows per rule"),
    "rows": ("Rijen (aantal)", "Rows (count)"),
    "rule": ("Regel", "Rule"),
    "kind": ("Soort invoer", "Input kind"),
    # dashboard
    "dashboard.title": ("Fasegroepen op {d}: {scope}", "Phase groups as of {d}: {scope}"),
    "all_groups": ("Alle fasegroepen", "All phase groups"),
    "all_units": ("Alle business units", "All business units"),
    "filter_group": ("Fasegroep ", "Phase group "),
    "filter_unit": ("Business unit ", "Business unit "),
    "filter_period": ("Instroom: weken terug ", "Inflow: weeks back "),
}

#: d3 number and time locales (``config.locale``): decimal marks, currency, month and day names.
LOCALES: dict[str, dict] = {
    "nl": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€\u00a0", ""]},
        "time": {
            "dateTime": "%a %e %B %Y %T", "date": "%d-%m-%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
            "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
            "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                       "september", "oktober", "november", "december"],
            "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
                            "nov", "dec"],
        },
    },
    "en": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
        "time": {
            "dateTime": "%a %e %B %Y %T", "date": "%d/%m/%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
            "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                       "September", "October", "November", "December"],
            "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                            "Nov", "Dec"],
        },
    },
}


def text(key: str, lang: Lang, **values: object) -> str:
    """The chart word ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Examples:
        >>> text("within_days", "nl", n=30)
        'binnen 30 dagen'
    """
    word = TEXTS[key][LANGS.index(check_lang(lang))]
    return word.format(**values) if values else word


def month_name(month: int, lang: Lang) -> str:
    """The full month name (1-12) in ``lang``.

    Examples:
        >>> month_name(3, "nl")
        'maart'
    """
    return LOCALES[check_lang(lang)]["time"]["months"][month - 1]
