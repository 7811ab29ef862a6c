"""The words of the reports, in Dutch and English: texts, table headers, words for codes that
have no label column, and DataTables' own texts. Data only (``present`` shows them); every
entry has both languages (a test checks it).
"""

from __future__ import annotations

#: Visible texts of the reports, by key, in both languages. Notebooks show them through
#: ``present.text`` / ``heading`` / ``paragraph`` (a markdown cell cannot switch language).
TEXTS: dict[str, dict[str, str]] = {
    # header
    "scope": {"nl": "Bereik", "en": "Scope"},
    "as_of": {"nl": "Peildatum", "en": "As of"},
    "freshness": {"nl": "Gegevens", "en": "Data"},
    "latest_load": {"nl": "laatste lading {when} ({file})", "en": "latest load {when} ({file})"},
    "after_data": {"nl": "De peildatum ligt na de laatste gegevens ({day}).",
                   "en": "The as-of date is after the latest data ({day})."},
    "no_loads": {"nl": "nog geen lading vastgelegd", "en": "no load recorded yet"},
    "compared_with": {"nl": "{when}: {value}", "en": "{when}: {value}"},
    "no_comparison": {"nl": "geen vergelijking", "en": "no comparison"},
    # tables
    "rows_of": {"nl": "{n} van {m} rijen: alle in {file}", "en": "{n} of {m} rows: all in {file}"},
    "all_rows_in": {"nl": "Alle rijen en kolommen: {file}", "en": "All rows and columns: {file}"},
    "more_rows_in": {"nl": "nog {n} rijen in {file}", "en": "{n} more rows in {file}"},
    "more_rows": {"nl": "nog {n} rijen", "en": "{n} more rows"},
    "no_rows": {"nl": "Geen rijen.", "en": "No rows."},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "points": {"nl": "%-punt", "en": "pp"},
    "days": {"nl": "dagen", "en": "days"},
}

# the four notebooks: titles, introductions and section headings
TEXTS.update({
    "tab.heading": {"nl": "{tab}: {n} leads", "en": "{tab}: {n} leads"},
    "dashboard.title": {"nl": "Fasegroepen", "en": "Phase groups"},
    "dashboard.intro": {
        "nl": "Leads per fasegroep en fase, instroom, funnel en ouderdom, voor één bereik op "
              "een peildatum. Kies hieronder een fasegroep, business unit of periode.",
        "en": "Leads per phase group and phase, inflow, funnel and ageing, for one scope as of "
              "a date. Choose a phase group, business unit or period below."},
    "dashboard.leads_per_phase": {"nl": "Leads per fase", "en": "Leads per phase"},
    "dashboard.tabs": {"nl": "Casemaster-tabbladen", "en": "Casemaster tabs"},
    "conversion.title": {"nl": "Leadconversie", "en": "Lead conversion"},
    "conversion.intro": {
        "nl": "Funnel, tijd per fase, cohorten, tijd tot besluit en tot opdracht, en redenen "
              "van afwijzing en annulering.",
        "en": "Funnel, time in phase, cohorts, time to decision and to assignment, and reasons "
              "for rejection and cancellation."},
    "conversion.funnel": {"nl": "Funnel", "en": "Funnel"},
    "conversion.time_in_phase": {"nl": "Tijd per fase", "en": "Time in phase"},
    "conversion.cohorts": {"nl": "Cohorten", "en": "Cohorts"},
    "conversion.cohorts_note": {
        "nl": "Per maand van indienen: het deel van de leads dat binnen 30, 60 en 90 dagen een "
              "opdracht werd (van de leads die zo oud zijn).",
        "en": "Per month of submission: the share of leads that became an assignment within "
              "30, 60 and 90 days (of the leads that old)."},
    "conversion.survival": {"nl": "Tijd tot besluit en tot opdracht",
                            "en": "Time to decision and to assignment"},
    "conversion.reasons": {"nl": "Redenen van afwijzing en annulering",
                           "en": "Reasons for rejection and cancellation"},
    "bonus.title": {"nl": "Bonusuitbetalingen", "en": "Bonus payouts"},
    "bonus.intro": {
        "nl": "Gewonnen leads op weg naar hun bonusdrempel, de verwachte datum waarop de bonus "
              "verdiend wordt, en bonussen verdiend en betaald per maand.",
        "en": "Won leads on their way to the bonus threshold, the projected date the bonus is "
              "earned, and bonuses earned and paid per month."},
    "bonus.pipeline": {"nl": "Bonuspijplijn", "en": "Bonus pipeline"},
    "bonus.payouts": {"nl": "Verdiend en betaald per maand", "en": "Earned and paid per month"},
    "bonus.per_unit": {"nl": "Per business unit", "en": "Per business unit"},
    "bonus.per_submitter": {"nl": "Per aanbrenger", "en": "Per submitter"},
    "quality.title": {"nl": "Datakwaliteit", "en": "Data quality"},
    "quality.intro": {
        "nl": "Ladingen en rijen in quarantaine (over alle leads: bouw dit rapport voor de hele "
              "organisatie), ontbrekende urenweken, urenverzoeken en leads die al een tijd "
              "niet veranderd zijn.",
        "en": "Loads and quarantined rows (over every lead: build this report for the whole "
              "organisation), missing timesheet weeks, timesheet requests and leads that have "
              "not changed for a while."},
    "quality.loads": {"nl": "Ladingen", "en": "Loads"},
    "quality.quarantine": {"nl": "Quarantaine", "en": "Quarantine"},
    "quality.missing_weeks": {"nl": "Ontbrekende urenweken", "en": "Missing timesheet weeks"},
    "quality.requests": {"nl": "Urenverzoeken", "en": "Timesheet requests"},
    "quality.requests_note": {
        "nl": "Verzoeken aan de urencontactpersonen van klanten: open en te late verzoeken met "
              "hun leeftijd in dagen, en het aantal dagen van versturen tot ontvangst.",
        "en": "Requests to the clients' timesheet contacts: open and overdue ones with their "
              "age in days, and the days from sending to fulfilment."},
    "quality.open_requests": {"nl": "Open verzoeken", "en": "Open requests"},
    "quality.fulfilment": {"nl": "Dagen tot ontvangst", "en": "Days to fulfilment"},
    "quality.stale": {"nl": "Stilstaande leads", "en": "Stale leads"},
    "summary.count": {"nl": "Aantal", "en": "Count"},
    "summary.median": {"nl": "Mediaan", "en": "Median"},
    "summary.p90": {"nl": "P90", "en": "P90"},
    "summary.max": {"nl": "Hoogste", "en": "Longest"},
})

DATATABLES_LANGUAGE = {
    "nl": {"search": "Zoeken:", "lengthMenu": "_MENU_ rijen per pagina",
           "info": "Rij _START_ tot _END_ van _TOTAL_", "infoEmpty": "Geen rijen",
           "infoFiltered": "(gefilterd uit _MAX_ rijen)", "zeroRecords": "Geen rijen gevonden",
           "emptyTable": "Geen rijen", "thousands": ".", "decimal": ","},
    "en": {"search": "Search:", "lengthMenu": "_MENU_ rows per page",
           "info": "Rows _START_ to _END_ of _TOTAL_", "infoEmpty": "No rows",
           "infoFiltered": "(filtered from _MAX_ rows)", "zeroRecords": "No matching rows",
           "emptyTable": "No rows", "thousands": ",", "decimal": "."},
}

#: Table headers of the columns the metrics return (the code column's header also heads the
#: label or name shown in its place). Extend per table with ``table(..., headers=...)``.
HEADERS: dict[str, dict[str, str]] = {
    "phase": {"nl": "Fase", "en": "Phase"},
    "step": {"nl": "Stap", "en": "Step"},
    "phase_group": {"nl": "Fasegroep", "en": "Phase group"},
    "business_unit": {"nl": "Business unit", "en": "Business unit"},
    "source": {"nl": "Bron", "en": "Source"},
    "reason": {"nl": "Reden", "en": "Reason"},
    "category": {"nl": "Categorie", "en": "Category"},
    "priority": {"nl": "Prioriteit", "en": "Priority"},
    "branch_id": {"nl": "Vestiging", "en": "Branch"},
    "submitter_id": {"nl": "Aanbrenger", "en": "Submitter"},
    "person_id": {"nl": "Persoon", "en": "Person"},
    "approver_id": {"nl": "Goedkeurder", "en": "Approver"},
    "lead_id": {"nl": "Lead", "en": "Lead"},
    "title": {"nl": "Titel", "en": "Title"},
    "client_name": {"nl": "Klant", "en": "Client"},
    "assignment_id": {"nl": "Opdracht", "en": "Assignment"},
    "leads": {"nl": "Leads", "en": "Leads"},
    "rate": {"nl": "Conversie (95%-interval)", "en": "Conversion (95% interval)"},
    "week": {"nl": "Week", "en": "Week"},
    "leads_created": {"nl": "Aangemaakt", "en": "Created"},
    "leads_started": {"nl": "Ingediend", "en": "Submitted"},
    "completed_stays": {"nl": "Afgeronde verblijven", "en": "Completed stays"},
    "median_days": {"nl": "Mediaan (dagen)", "en": "Median (days)"},
    "p90_days": {"nl": "P90 (dagen)", "en": "P90 (days)"},
    "current_leads": {"nl": "Nu in fase", "en": "In phase now"},
    "current_median_days": {"nl": "Mediaan nu (dagen)", "en": "Median now (days)"},
    "cohort": {"nl": "Cohort", "en": "Cohort"},
    "share_30d": {"nl": "Opdracht binnen 30 dagen", "en": "Assignment within 30 days"},
    "share_60d": {"nl": "Opdracht binnen 60 dagen", "en": "Assignment within 60 days"},
    "share_90d": {"nl": "Opdracht binnen 90 dagen", "en": "Assignment within 90 days"},
    "mature_30d": {"nl": "Leads 30 dagen oud", "en": "Leads 30 days old"},
    "won_30d": {"nl": "Opdracht ≤ 30 dagen", "en": "Assignment ≤ 30 days"},
    "days": {"nl": "Dagen", "en": "Days"},
    "at_risk": {"nl": "Nog open (risico)", "en": "At risk"},
    "decided": {"nl": "Besloten", "en": "Decided"},
    "won": {"nl": "Opdracht", "en": "Assignment"},
    "lost": {"nl": "Afgevallen", "en": "Lost"},
    "censored": {"nl": "Gecensureerd", "en": "Censored"},
    "still_open": {"nl": "Nog open (aandeel)", "en": "Still open (share)"},
    "cumulative_incidence": {"nl": "Opdracht (cumulatief)", "en": "Assignment (cumulative)"},
    "age_days": {"nl": "Leeftijd (dagen)", "en": "Age (days)"},
    "last_change_day": {"nl": "Laatste wijziging", "en": "Last change"},
    "days_since_change": {"nl": "Dagen sinds wijziging", "en": "Days since change"},
    "phase_since": {"nl": "In fase sinds", "en": "In phase since"},
    "days_in_phase": {"nl": "Dagen in fase", "en": "Days in phase"},
    "won_day": {"nl": "Gewonnen op", "en": "Won on"},
    "won_on": {"nl": "Gewonnen op", "en": "Won on"},
    "invoiced_hours": {"nl": "Gefactureerde uren", "en": "Invoiced hours"},
    "known_hours": {"nl": "Bekende uren", "en": "Known hours"},
    "scheme": {"nl": "Regeling", "en": "Scheme"},
    "trigger": {"nl": "Voorwaarde", "en": "Condition"},
    "threshold_hours": {"nl": "Drempel (uren)", "en": "Threshold (hours)"},
    "hours_to_go": {"nl": "Uren te gaan", "en": "Hours to go"},
    "share_of_threshold": {"nl": "Deel van drempel", "en": "Share of threshold"},
    "projected_earned_on": {"nl": "Verwacht verdiend op", "en": "Projected earned on"},
    "earned_on": {"nl": "Verdiend op", "en": "Earned on"},
    "payout_date": {"nl": "Uitbetaaldatum", "en": "Payout date"},
    "amount_eur": {"nl": "Bedrag", "en": "Amount"},
    "status": {"nl": "Status", "en": "Status"},
    "payout_month": {"nl": "Uitbetaalmaand", "en": "Payout month"},
    "earned_bonuses": {"nl": "Verdiend (aantal)", "en": "Earned (number)"},
    "earned_eur": {"nl": "Verdiend (bedrag)", "en": "Earned (amount)"},
    "paid_bonuses": {"nl": "Betaald (aantal)", "en": "Paid (number)"},
    "paid_eur": {"nl": "Betaald (bedrag)", "en": "Paid (amount)"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "files": {"nl": "Bestanden", "en": "Files"},
    "rows_read": {"nl": "Rijen gelezen", "en": "Rows read"},
    "rows_loaded": {"nl": "Rijen geladen", "en": "Rows loaded"},
    "rows_skipped": {"nl": "Rijen overgeslagen", "en": "Rows skipped"},
    "rows_quarantined": {"nl": "Rijen in quarantaine", "en": "Rows quarantined"},
    "last_load": {"nl": "Laatste lading", "en": "Latest load"},
    "rule": {"nl": "Regel", "en": "Rule"},
    "loads": {"nl": "Ladingen", "en": "Loads"},
    "days_overdue": {"nl": "Dagen te laat", "en": "Days overdue"},
    "note": {"nl": "Opmerking", "en": "Note"},
    "age_days_open": {"nl": "Open (dagen)", "en": "Open (days)"},
    "days_to_fulfilment": {"nl": "Dagen tot ontvangst", "en": "Days to fulfilment"},
    "sent_at": {"nl": "Verstuurd", "en": "Sent"},
    "request_id": {"nl": "Verzoek", "en": "Request"},
}

#: Words for the codes of columns that have no label column of their own (bonus, load and
#: request states; the note on a missing week). A code not listed is shown as it is.
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "status": {
        "pending": {"nl": "loopt", "en": "pending"},
        "earned": {"nl": "verdiend", "en": "earned"},
        "withdrawn": {"nl": "vervallen", "en": "withdrawn"},
        "in_batch": {"nl": "in betaalronde", "en": "in a batch"},
        "approved": {"nl": "goedgekeurd", "en": "approved"},
        "paid": {"nl": "betaald", "en": "paid"},
        "review": {"nl": "te beoordelen", "en": "to review"},
        "clawed_back": {"nl": "teruggevorderd", "en": "clawed back"},
        "loaded": {"nl": "geladen", "en": "loaded"},
        "partial": {"nl": "deels geladen", "en": "partly loaded"},
        "refused": {"nl": "geweigerd", "en": "refused"},
        "concept": {"nl": "concept", "en": "draft"},
        "open": {"nl": "open", "en": "open"},
        "overdue": {"nl": "te laat", "en": "overdue"},
        "fulfilled": {"nl": "ontvangen", "en": "fulfilled"},
        "cancelled": {"nl": "geannuleerd", "en": "cancelled"},
    },
    "note": {
        "no contact e-mail address": {"nl": "geen e-mailadres van contactpersoon",
                                      "en": "no contact e-mail address"},
    },
    "kind": {
        "lead-events": {"nl": "leadgebeurtenissen", "en": "lead events"},
        "leads": {"nl": "leads", "en": "leads"},
        "timesheets": {"nl": "urenstaten", "en": "timesheets"},
        "people": {"nl": "medewerkers", "en": "people"},
        "assignments": {"nl": "opdrachten", "en": "assignments"},
        "delegations": {"nl": "vervangingen", "en": "delegations"},
        "branches": {"nl": "vestigingen", "en": "branches"},
        "connecting-expertise": {"nl": "Connecting-Expertise", "en": "Connecting-Expertise"},
    },
    "rule": {
        "illegal_move": {"nl": "niet-toegestane faseovergang", "en": "move not allowed"},
        "week_out_of_range": {"nl": "week buiten bereik", "en": "week out of range"},
        "status_date_in_future": {"nl": "statusdatum in de toekomst",
                                  "en": "status date in the future"},
        "conflict_with_loaded": {"nl": "strijdig met eerder geladen rij",
                                 "en": "conflicts with a loaded row"},
        "duplicate_key_in_file": {"nl": "dubbele sleutel in bestand",
                                  "en": "duplicate key in the file"},
        "revision_date_order": {"nl": "revisies in verkeerde datumvolgorde",
                                "en": "revisions out of date order"},
    },
    "trigger": {
        "hours": {"nl": "uren", "en": "hours"},
        "won": {"nl": "gewonnen", "en": "won"},
    },
}

#: A quarantine rule named after its expectation (``<expectation>:<column>``), in words.
EXPECTATIONS = {
    "expect_column_values_to_not_be_null": {"nl": "{c} ontbreekt", "en": "{c} missing"},
    "expect_column_values_to_match_regex": {"nl": "{c} heeft een ongeldige vorm",
                                            "en": "{c} malformed"},
    "expect_column_values_to_be_between": {"nl": "{c} buiten bereik", "en": "{c} out of range"},
    "expect_column_values_to_be_in_set": {"nl": "{c} heeft een onbekende waarde",
                                          "en": "{c} has an unknown value"},
    "expect_column_values_to_match_strftime_format": {"nl": "{c} is geen geldige datum",
                                                      "en": "{c} is no valid date"},
    "expect_column_pair_values_a_to_be_greater_than_b": {"nl": "{c} in verkeerde volgorde",
                                                         "en": "{c} out of order"},
}
#: Columns of the input files as a quarantine rule names them.
INPUT_COLUMNS = {
    "hours": {"nl": "uren", "en": "hours"},
    "revision": {"nl": "revisie", "en": "revision"},
    "status_date": {"nl": "statusdatum", "en": "status date"},
    "line_id": {"nl": "regelnummer", "en": "line id"},
    "assignment_id": {"nl": "opdracht", "en": "assignment"},
    "week": {"nl": "week", "en": "week"},
    "status": {"nl": "status", "en": "status"},
}
