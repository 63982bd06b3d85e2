-- 电脑派位 draws (docs/lottery.md, packages/db/src/lotteryDraws.ts): the canonical list and its
-- commitment are published when the draw is created (status committed); the seed drawn in public,
-- the result and the circumstances (operator, witnesses, place, notary) are set once at the draw
-- (status drawn). The trigger below keeps what was published true: a committed draw changes only
-- by being drawn, a drawn one never changes, and no draw is ever deleted.
--
-- The texts are stored exactly as published, and the CHECKs tie the hashes to them (PostgreSQL's
-- own sha256), so a row cannot claim a commitment or result hash its texts do not have:
-- - list_text: core's canonical list (`ticket,digest\n` per child, sorted by ticket), the bytes of
--   list.txt that `junheng lottery verify` reads; commitment = SHA-256 of it.
-- - result_text: core's result list (`rank,ticket\n` per rank); result_hash = SHA-256 of it. Text,
--   not jsonb: 100,000 children are ~1.3 MB of text (TOAST-compressed), hashable as stored and
--   read back in one piece, where a jsonb array would be larger and could not be hashed as published.
CREATE TABLE lottery_draw (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL REFERENCES region (code),
  -- Set for a school's own head-teacher (班主任) draw.
  school_id text REFERENCES school (id),
  -- School year of the intake (start year).
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  purpose text NOT NULL CHECK (purpose IN ('admission', 'headTeacher')),
  title text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 100),
  -- The admission round this draw ranks (one draw per round: one number per child or family).
  round_id bigint REFERENCES admission_round (id),
  -- headTeacher: class names; rank i (1-based) takes slots[i - 1].
  slots jsonb CHECK (slots IS NULL OR jsonb_typeof(slots) = 'array'),
  list_text text NOT NULL,
  entry_count integer NOT NULL CHECK (entry_count >= 1),
  commitment text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
  committed_at timestamptz NOT NULL DEFAULT now(),
  committed_by bigint REFERENCES app_user (id),
  -- Canonical seed: digits only, 20–200 of them (core parseLotterySeed).
  seed text CHECK (seed ~ '^[0-9]{20,200}$'),
  result_text text,
  result_hash text CHECK (result_hash ~ '^[0-9a-f]{64}$'),
  drawn_at timestamptz,
  drawn_by bigint REFERENCES app_user (id),
  operator_name text CHECK (btrim(operator_name) <> ''),
  -- [{"name": "王某", "role": "家长代表"}, …]
  witnesses jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(witnesses) = 'array'),
  place text,
  -- 公证处 and 公证员, when a notary attended.
  notary text,
  CONSTRAINT lottery_draw_commitment_of_list CHECK (
    commitment = encode(sha256(convert_to(list_text, 'UTF8')), 'hex')
  ),
  CONSTRAINT lottery_draw_result_hash_of_result CHECK (
    result_hash = encode(sha256(convert_to(result_text, 'UTF8')), 'hex')
  ),
  -- Either nothing of the draw is set (committed) or all of it (drawn).
  CONSTRAINT lottery_draw_drawn_complete CHECK (
    (drawn_at IS NULL AND seed IS NULL AND result_text IS NULL AND result_hash IS NULL
      AND operator_name IS NULL AND place IS NULL AND notary IS NULL AND drawn_by IS NULL)
    OR (drawn_at IS NOT NULL AND seed IS NOT NULL AND result_text IS NOT NULL AND result_hash IS NOT NULL
      AND operator_name IS NOT NULL AND place IS NOT NULL)
  ),
  -- The seed is fixed after the list was published, never before.
  CONSTRAINT lottery_draw_drawn_after_commit CHECK (drawn_at >= committed_at),
  CONSTRAINT lottery_draw_slots_for_head_teacher CHECK ((purpose = 'headTeacher') = (slots IS NOT NULL))
);
CREATE INDEX lottery_draw_county_year_idx ON lottery_draw (county_code, year);
CREATE INDEX lottery_draw_school_idx ON lottery_draw (school_id) WHERE school_id IS NOT NULL;
-- One draw per admission round: a round's children get one number each (createDraw also checks
-- the round is of the draw's county and year).
CREATE UNIQUE INDEX lottery_draw_round_idx ON lottery_draw (round_id) WHERE round_id IS NOT NULL;

CREATE FUNCTION lottery_draw_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'lottery_draw: TRUNCATE rejected (published draws are kept for ever)' USING ERRCODE = 'JH004';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.drawn_at IS NOT NULL THEN
      RAISE EXCEPTION 'lottery_draw: a draw is created committed (list and commitment), then drawn'
        USING ERRCODE = 'JH004';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'lottery_draw %: DELETE rejected (its commitment was published)', OLD.id USING ERRCODE = 'JH004';
  END IF;
  IF OLD.drawn_at IS NOT NULL THEN
    RAISE EXCEPTION 'lottery_draw % was drawn at %: UPDATE rejected', OLD.id, OLD.drawn_at USING ERRCODE = 'JH004';
  END IF;
  IF NEW.drawn_at IS NULL THEN
    RAISE EXCEPTION 'lottery_draw %: a committed draw changes only by being drawn', OLD.id USING ERRCODE = 'JH004';
  END IF;
  IF (NEW.id, NEW.county_code, NEW.school_id, NEW.year, NEW.purpose, NEW.title, NEW.round_id, NEW.slots,
      NEW.list_text, NEW.entry_count, NEW.commitment, NEW.committed_at, NEW.committed_by)
     IS DISTINCT FROM
     (OLD.id, OLD.county_code, OLD.school_id, OLD.year, OLD.purpose, OLD.title, OLD.round_id, OLD.slots,
      OLD.list_text, OLD.entry_count, OLD.commitment, OLD.committed_at, OLD.committed_by) THEN
    RAISE EXCEPTION 'lottery_draw %: the published list, commitment and description cannot change', OLD.id
      USING ERRCODE = 'JH004';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER lottery_draw_immutable BEFORE INSERT OR UPDATE OR DELETE ON lottery_draw
  FOR EACH ROW EXECUTE FUNCTION lottery_draw_protect();
CREATE TRIGGER lottery_draw_no_truncate BEFORE TRUNCATE ON lottery_draw
  FOR EACH STATEMENT EXECUTE FUNCTION lottery_draw_protect();

-- The round's draw (0009 could not name lottery_draw, created here).
ALTER TABLE admission_round ADD CONSTRAINT admission_round_draw_id_fkey FOREIGN KEY (draw_id) REFERENCES lottery_draw (id);
