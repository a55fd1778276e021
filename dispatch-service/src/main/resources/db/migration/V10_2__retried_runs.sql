-- Retried and resumed runs (docs/dispatch.md "Run control").
-- comparison_attempts: how many comparison requests a shadow (observer) run has sent; a run that is retried or resumed
-- after its comparison was requested is compared again, the request carrying attempt = comparison_attempts + 1.
-- shadow_verdicts.attempt: the attempt a run's recorded verdict decides; only a verdict of the same or a later attempt
-- replaces it, so an overtaken verdict never hides the latest one.
ALTER TABLE workflow_runs ADD COLUMN comparison_attempts INT NOT NULL DEFAULT 0;
UPDATE workflow_runs SET comparison_attempts = 1 WHERE comparison_requested_at IS NOT NULL;

ALTER TABLE shadow_verdicts ADD COLUMN attempt INT NOT NULL DEFAULT 1;
