-- Every batch line of one lead with the batch's steps and finance's resolutions.
SELECT i.batch_id, b.period, i.kind, i.amount_eur, i.earned_on, i.payout_date, i.scheme,
       b.prepared_by, b.prepared_at, b.approved_by, b.approved_at, b.paid_by, b.paid_at,
       (SELECT string_agg(r.decision || ' by ' || r.resolved_by || ' at '
                          || strftime(r.resolved_at, '%Y-%m-%d %H:%M'), '; '
                          ORDER BY r.resolved_at)
        FROM store.bonus_resolutions r WHERE r.lead_id = i.lead_id AND i.kind = 'bonus')
           AS resolutions
FROM store.bonus_batch_items i
JOIN main.bonus_batches b ON b.batch_id = i.batch_id
WHERE i.lead_id = $lead_id
ORDER BY b.prepared_at, i.kind;
