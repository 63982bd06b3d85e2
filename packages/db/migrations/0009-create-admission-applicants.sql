-- 招生 applications (packages/db/src/admissionRounds.ts, applicants.ts): an admission round of a
-- county (year, 学段, its categories in priority order, planned places per school) and its
-- applicants. Children's personal data (name, ID number, guardian, phone, address, and the 核验码
-- printed on the family's notice) is AES-256-GCM ciphertext (`*_sealed`, personalData.ts); lists
-- read the masked forms (`*_masked`, core maskName/maskIdNumber/maskPhone) and never decrypt.
--
-- Status: open (applicants and configuration editable) → committed (the round's ONE lottery draw
-- was created from its applicants, one entry per family: applicants, categories and places are
-- frozen, the trigger below enforces it) → admitted (placements stored after the draw).
CREATE TABLE admission_round (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL REFERENCES region (code),
  -- Start year of the school year the children enter, e.g. 2026.
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  stage text NOT NULL CHECK (stage IN ('primary', 'junior')),
  title text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 100),
  -- core AdmissionCategory[]: [{"id": "hukouProperty", "name": "户籍与房产一致", "migrantGuarantee": false}, …],
  -- highest priority first.
  categories jsonb NOT NULL CHECK (jsonb_typeof(categories) = 'array' AND jsonb_array_length(categories) >= 1),
  -- 同校兄弟姐妹优先 within each category.
  sibling_priority boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'committed', 'admitted')),
  -- lottery_draw.id of the round's draw. No foreign key: lottery_draw is created by migration 0010.
  draw_id bigint CHECK (draw_id > 0),
  admitted_at timestamptz,
  -- core AdmitResult without placements (per school: capacity, admitted by category, cut-off,
  -- lottery used; pending; 随迁子女 placed), stored by the admission.
  result jsonb CHECK (result IS NULL OR jsonb_typeof(result) = 'object'),
  -- The serial of the next ticket (<year>-<serial>): tickets of removed applicants are not reused.
  next_serial integer NOT NULL DEFAULT 1 CHECK (next_serial BETWEEN 1 AND 1000000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admission_round_committed_draw CHECK ((status = 'open') = (draw_id IS NULL)),
  CONSTRAINT admission_round_admitted CHECK ((status = 'admitted') = (admitted_at IS NOT NULL AND result IS NOT NULL))
);
CREATE INDEX admission_round_county_idx ON admission_round (county_code, year);

-- 计划招生数 of each school taking part in the round.
CREATE TABLE admission_round_school (
  round_id bigint NOT NULL REFERENCES admission_round (id) ON DELETE CASCADE,
  school_id text NOT NULL REFERENCES school (id),
  places integer NOT NULL CHECK (places BETWEEN 0 AND 100000),
  PRIMARY KEY (round_id, school_id)
);

CREATE TABLE applicant (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id bigint NOT NULL REFERENCES admission_round (id),
  -- The public 派位 ticket printed on the notice: <year>-<6-digit serial>, unique in the round.
  ticket text NOT NULL CHECK (ticket ~ '^[0-9]{4}-[0-9]{6}$'),
  -- 核验码 (32 hex digits) given to the family only: the lottery entry's secret.
  secret_sealed text NOT NULL,
  name_sealed text NOT NULL,
  name_masked text NOT NULL,
  id_number_sealed text NOT NULL,
  id_number_masked text NOT NULL,
  guardian_name_sealed text NOT NULL,
  guardian_name_masked text NOT NULL,
  phone_sealed text NOT NULL,
  phone_masked text NOT NULL,
  address_sealed text,
  gender text NOT NULL CHECK (gender IN ('male', 'female')),
  -- Year and month of birth only (from the ID number): enough for age checks and class placement.
  birth_month text NOT NULL CHECK (birth_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- 居住小区/村, as typed.
  area_name text CHECK (area_name IS NULL OR char_length(area_name) <= 50),
  -- 划片学校; null when the address lies in no zone of the county (统筹安排).
  zone_school_id text REFERENCES school (id),
  -- A category id of the round's categories.
  category text NOT NULL,
  migrant_eligible boolean NOT NULL DEFAULT false,
  -- 特殊需要: learningInClass 随班就读 / specialSchool 特教学校 / homeTeaching 送教上门 / other.
  special_needs text CHECK (special_needs IN ('learningInClass', 'specialSchool', 'homeTeaching', 'other')),
  special_needs_note text CHECK (special_needs_note IS NULL OR char_length(special_needs_note) <= 200),
  sibling_at_school boolean NOT NULL DEFAULT false,
  -- 多胞胎/同户编号: children with the same key are ONE lottery entry.
  family_key text CHECK (family_key IS NULL OR (btrim(family_key) <> '' AND char_length(family_key) <= 30)),
  -- 志愿学校 for 统筹安排, most preferred first: ["2130012345", …].
  choices jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(choices) = 'array'),
  placement_school_id text REFERENCES school (id),
  -- core PlacementHow.
  placement_how text CHECK (placement_how IN ('zone', 'lottery', 'assigned', 'migrantGuarantee', 'pending')),
  -- The family entry's lottery rank.
  lottery_rank integer CHECK (lottery_rank >= 1),
  placed_at timestamptz,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT applicant_ticket_unique UNIQUE (round_id, ticket),
  CONSTRAINT applicant_placement CHECK (
    (placement_how IS NULL AND placement_school_id IS NULL AND placed_at IS NULL)
    OR (placement_how = 'pending' AND placement_school_id IS NULL AND placed_at IS NOT NULL)
    OR (placement_how <> 'pending' AND placement_school_id IS NOT NULL AND placed_at IS NOT NULL)
  )
);
CREATE INDEX applicant_round_zone_idx ON applicant (round_id, zone_school_id);
CREATE INDEX applicant_placement_idx ON applicant (placement_school_id) WHERE placement_school_id IS NOT NULL;

-- Once the round's draw is committed its applicant list is the published one: no child is added,
-- removed or changed (only the placement columns are written, by admission), and the round's
-- categories and places stay as they were when the list was published.
CREATE FUNCTION applicant_frozen_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  round_status text;
BEGIN
  SELECT status INTO round_status FROM admission_round
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
  IF round_status IS DISTINCT FROM 'open' THEN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - ARRAY['placement_school_id', 'placement_how', 'lottery_rank', 'placed_at', 'updated_at', 'updated_by', 'version'])
           = (to_jsonb(OLD) - ARRAY['placement_school_id', 'placement_how', 'lottery_rank', 'placed_at', 'updated_at', 'updated_by', 'version']) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'applicant: round % is % (its lottery list was published): applicants are frozen',
      CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END, round_status USING ERRCODE = 'JH009';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER applicant_frozen BEFORE INSERT OR UPDATE OR DELETE ON applicant
  FOR EACH ROW EXECUTE FUNCTION applicant_frozen_check();

CREATE FUNCTION admission_round_frozen_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'open'
     AND (NEW.categories, NEW.sibling_priority, NEW.county_code, NEW.year, NEW.stage, NEW.draw_id)
         IS DISTINCT FROM (OLD.categories, OLD.sibling_priority, OLD.county_code, OLD.year, OLD.stage, OLD.draw_id) THEN
    RAISE EXCEPTION 'admission_round %: categories, stage and draw are frozen once the draw is committed', OLD.id
      USING ERRCODE = 'JH009';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER admission_round_frozen BEFORE UPDATE ON admission_round
  FOR EACH ROW EXECUTE FUNCTION admission_round_frozen_check();

CREATE FUNCTION admission_round_school_frozen_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  round_status text;
BEGIN
  SELECT status INTO round_status FROM admission_round
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
  -- NULL: the round itself is being deleted (ON DELETE CASCADE).
  IF round_status IS NOT NULL AND round_status <> 'open' THEN
    RAISE EXCEPTION 'admission_round_school: places are frozen once the round''s draw is committed'
      USING ERRCODE = 'JH009';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER admission_round_school_frozen BEFORE INSERT OR UPDATE OR DELETE ON admission_round_school
  FOR EACH ROW EXECUTE FUNCTION admission_round_school_frozen_check();
