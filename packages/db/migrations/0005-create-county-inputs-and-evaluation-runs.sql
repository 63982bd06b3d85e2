-- County-level items (县级指标) per year, and evaluation runs with the exact inputs they used.
CREATE TABLE county_input (
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL REFERENCES school_year (start_year),
  -- Item id of the standard tables (core standards/*.ts).
  item_id text NOT NULL CHECK (item_id ~ '^[A-Za-z][A-Za-z0-9_.-]*$'),
  -- core CountyItemInput.value: a number (ratios as fractions), a judgment, or null.
  value jsonb NOT NULL CHECK (jsonb_typeof(value) IN ('number', 'boolean', 'null')),
  note text,
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, year, item_id)
);

-- inputs is the CountyDataset the engine read; rules the standard table and overrides it applied;
-- result the engine's output. Together they make the run reproducible. Once published_at is set
-- the row is immutable (trigger below), so what the public saw can always be shown again.
CREATE TABLE evaluation_run (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL REFERENCES school_year (start_year),
  standard text NOT NULL CHECK (standard IN ('basic', 'quality')),
  inputs jsonb NOT NULL CHECK (jsonb_typeof(inputs) = 'object'),
  inputs_sha256 text NOT NULL CHECK (inputs_sha256 ~ '^[0-9a-f]{64}$'),
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  result jsonb NOT NULL CHECK (jsonb_typeof(result) = 'object'),
  engine_version text NOT NULL,
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by bigint REFERENCES app_user (id),
  CONSTRAINT evaluation_run_published CHECK ((published_at IS NULL) = (published_by IS NULL))
);
CREATE INDEX evaluation_run_county_year_idx ON evaluation_run (county_code, year, standard);

CREATE FUNCTION evaluation_run_protect_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM evaluation_run WHERE published_at IS NOT NULL) THEN
      RAISE EXCEPTION 'evaluation_run holds published runs: TRUNCATE rejected' USING ERRCODE = 'JH002';
    END IF;
    RETURN NULL;
  END IF;
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'evaluation_run % was published at %: % rejected', OLD.id, OLD.published_at, TG_OP
      USING ERRCODE = 'JH002';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER evaluation_run_immutable_when_published BEFORE UPDATE OR DELETE ON evaluation_run
  FOR EACH ROW EXECUTE FUNCTION evaluation_run_protect_published();
CREATE TRIGGER evaluation_run_no_truncate_when_published BEFORE TRUNCATE ON evaluation_run
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_run_protect_published();
