-- One sealed value proving which key encrypts the students' personal data (packages/db/src/
-- personalData.ts). Starting with another key is refused instead of mixing ciphertexts.
CREATE TABLE personal_data_key_check (
  id integer PRIMARY KEY CHECK (id = 1),
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
