-- 催报 and 教育局代报 (issue 10 #23): a school report nobody at the school moves can be chased by the
-- bureau (a reminder the school sees on its report) or filled in / submitted by the bureau on the
-- school's behalf (workflow actions proxySave / proxySubmit, core workflow/reportWorkflow.ts).

-- Who at the bureau last filled in or submitted the report for the school, when, and why. The mark
-- stays: the report shows 教育局代报 for as long as it holds data the bureau entered or submitted.
ALTER TABLE school_report ADD COLUMN proxy_by bigint REFERENCES app_user (id);
ALTER TABLE school_report ADD COLUMN proxy_at timestamptz;
ALTER TABLE school_report ADD COLUMN proxy_reason text;
ALTER TABLE school_report ADD CONSTRAINT school_report_proxy
  CHECK ((proxy_by IS NULL) = (proxy_at IS NULL) AND (proxy_by IS NULL) = (proxy_reason IS NULL));

-- Reminders (催报) of a report, append-only: the message the school reads, who sent it and when.
-- Each is also an audit event (report.remind).
CREATE TABLE report_reminder (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES school_report (id),
  message text NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  created_by bigint NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_reminder_report_idx ON report_reminder (report_id, created_at);
CREATE TRIGGER report_reminder_append_only BEFORE UPDATE OR DELETE ON report_reminder
  FOR EACH ROW EXECUTE FUNCTION reject_change();
