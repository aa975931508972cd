-- The calendar's "forms unsigned" flag (issue 7) counts the pending forms of each visit shown,
-- ~1,000 a week. Probed in the index of every visit's forms, each signed one (most of them, as the
-- months go by) cost a heap visit only to be left out: the week's cards statement did ~40 % more
-- work with the flag than without (bench/README.md, "Calendar and booking"). An index of pending
-- forms alone answers from the index and stays small, as forms leave it once signed, voided or
-- expired: ~10 % more.
CREATE INDEX client_forms_pending_appointment ON client_forms (tenant_id, appointment_id) WHERE status = 'pending' AND appointment_id IS NOT NULL;
