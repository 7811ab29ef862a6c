INSERT INTO store.validation_results VALUES (
    $load_id, $suite, $success, $rows_validated, $rows_in_file, $sampled, $evaluated, $failed,
    $validated_at, $result
);
