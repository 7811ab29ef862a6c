-- "The regional director" of one lead: see the view lead_regional_directors.
SELECT person_id FROM main.lead_regional_directors WHERE lead_id = $lead_id ORDER BY person_id;
