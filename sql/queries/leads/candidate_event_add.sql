INSERT INTO candidate_events
VALUES ($cid, $entity, $record_id, $at, $to_phase, $verb, $actor_id, $reason, $assignment_id,
        $check_actor, $live);
