-- Report e-mails in the outbox (the demo says how many its scheduled reports queued).
SELECT count(*) AS n FROM store.outbox WHERE kind = 'report';
