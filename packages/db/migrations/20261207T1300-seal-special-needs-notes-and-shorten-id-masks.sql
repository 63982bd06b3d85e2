-- Issue 10 #5: a copy of the database without the personal-data key (a pg_dump, a backup) must not
-- show a child's disability or let anyone narrow down a child's ID number.
--
-- 1. 特殊需要说明 is sealed (AES-256-GCM, personalData.ts) like the name and ID number. SQL cannot
--    encrypt: notes written before this migration stay in special_needs_note until the server
--    starts with the key, which seals each into special_needs_note_sealed and clears the plain
--    column (sealPlainNotes, applicants.ts). New notes are never written in plain text.
ALTER TABLE applicant ADD COLUMN special_needs_note_sealed text;
ALTER TABLE applicant ADD CONSTRAINT applicant_special_needs_note_sealed_once
  CHECK (special_needs_note IS NULL OR special_needs_note_sealed IS NULL);

-- 2. id_number_masked kept the region and the last four characters: with the stored birth month and
--    gender and the check character that leaves 2–4 candidates per child. It keeps the last two
--    now (core maskIdNumber), which the old mask still holds, so existing rows are converted here;
--    the CHECK keeps any later writer from storing more. The frozen-list trigger is off for this
--    one rewrite: the mask is not part of the published lottery list.
ALTER TABLE applicant DISABLE TRIGGER applicant_frozen;
UPDATE applicant
   SET id_number_masked = repeat('*', greatest(char_length(id_number_masked) - 2, 0)) || right(id_number_masked, 2)
 WHERE char_length(replace(id_number_masked, '*', '')) > 2;
ALTER TABLE applicant ENABLE TRIGGER applicant_frozen;
ALTER TABLE applicant ADD CONSTRAINT applicant_id_number_masked_short
  CHECK (char_length(replace(id_number_masked, '*', '')) <= 2);

-- 3. Frozen applicants (the round's list is published) may still have a plain note sealed: the same
--    note, moved from special_needs_note to special_needs_note_sealed, nothing else changed.
CREATE OR REPLACE FUNCTION applicant_frozen_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  round_status text;
  placement text[] := ARRAY['placement_school_id', 'placement_how', 'lottery_rank', 'placed_at', 'updated_at', 'updated_by', 'version'];
  note text[] := ARRAY['special_needs_note', 'special_needs_note_sealed'];
BEGIN
  SELECT status INTO round_status FROM admission_round
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
  IF round_status IS DISTINCT FROM 'open' THEN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - placement) = (to_jsonb(OLD) - placement) THEN
      RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE'
       AND OLD.special_needs_note IS NOT NULL AND NEW.special_needs_note IS NULL
       AND OLD.special_needs_note_sealed IS NULL AND NEW.special_needs_note_sealed IS NOT NULL
       AND (to_jsonb(NEW) - placement - note) = (to_jsonb(OLD) - placement - note) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'applicant: round % is % (its lottery list was published): applicants are frozen',
      CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END, round_status USING ERRCODE = 'JH009';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
