-- A cancelled line is closed, like a completed or failed one, and a closed order follows its lines too.
--
-- Until now a line was open while render_status NOT IN ('completed', 'failed'): cancelling a line's run (RunControl
-- sets the line `cancelled`) left the line counted open and its order `processing` for ever. From here on a line is
-- open while render_status NOT IN ('completed', 'failed', 'cancelled'), in the trigger function, in the trigger's WHEN
-- clause and in the count of every existing order (recounted below).
--
-- The rule of V12, completed:
-- * when open_lines of a `processing` order reaches 0 (a line ended or was deleted, and the order still has a line),
--   the order ends: `failed` if one of its lines failed, else `completed` if one completed, else (every line
--   cancelled) `cancelled`; with completed_at (and processing_started_at if it had none). `cancelled` is reached only
--   this way (no PATCH /api/orders moves an order to it or out of it). Draft and submitted orders still do not end by
--   themselves, and an order whose lines were all deleted still stays `processing` (an operator ends it).
-- * when a line of a closed (`completed`, `failed` or `cancelled`) order moves between closed states (PATCH
--   /api/order-lines/{id}: failed -> completed, completed -> failed, anything -> cancelled) or is deleted, the order's
--   end is decided again by the same rule; its completed_at stays (the order ended then, only what it ended as was
--   corrected). An order whose last line is deleted keeps its status; a deleted order's lines (ON DELETE CASCADE) find
--   no order row and change nothing. Orders that are not closed are not touched.
-- * when a line of a closed order is open again (a failed line resumed or retried, any closed line PATCHed back to
--   pending or processing), the order is `processing` again with completed_at cleared, as in V12, `cancelled` included.
--   A cancelled run cannot be resumed or retried (run_already_terminal): its line opens again by PATCH, or by a new
--   dispatch (RunWriter moves a failed or cancelled line back to pending).
--
-- The hot path stays cheap: the WHEN clause still keeps the trigger out of every update that leaves a line open
-- (pending -> processing) or keeps its closed status (a completed line's result_path written again); the render
-- events that end a line (open -> closed) cost what they did in V12. Only a move between two different closed statuses
-- (or a closed line's deletion) now reaches the new branch, which is never a render event's own path but a correction
-- by hand; it locks and reads the order, and reads its lines (by order_lines_order, stopping at the first match) only
-- if the order is closed.
CREATE OR REPLACE FUNCTION order_lines_end_status(of_order UUID) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM dispatch.order_lines l WHERE l.order_id = $1 AND l.render_status = 'failed') THEN 'failed'
        WHEN EXISTS (SELECT 1 FROM dispatch.order_lines l WHERE l.order_id = $1 AND l.render_status = 'completed')
            THEN 'completed'
        WHEN EXISTS (SELECT 1 FROM dispatch.order_lines l WHERE l.order_id = $1) THEN 'cancelled'
    END
$$;

CREATE OR REPLACE FUNCTION order_lines_count_open() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    remaining INTEGER;
    order_status TEXT;
    ended TEXT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.render_status NOT IN ('completed', 'failed', 'cancelled') THEN
        UPDATE dispatch.orders SET open_lines = open_lines - 1 WHERE id = OLD.order_id
            RETURNING open_lines, status INTO remaining, order_status;
        IF remaining = 0 AND order_status = 'processing' THEN
            ended := dispatch.order_lines_end_status(OLD.order_id);
            IF ended IS NOT NULL THEN -- NULL: no line left, the order stays processing
                UPDATE dispatch.orders SET status = ended, completed_at = now(), updated_at = now(),
                        processing_started_at = coalesce(processing_started_at, now())
                    WHERE id = OLD.order_id;
            END IF;
        END IF;
    ELSIF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.render_status IN ('completed', 'failed', 'cancelled')
            AND OLD.order_id = NEW.order_id AND OLD.render_status <> NEW.render_status) THEN
        -- a closed line deleted, or moved to another closed status: a closed order's end is decided again (the row
        -- lock first, so that two lines changed at once are decided one after the other, each reading the other's
        -- committed status); an order whose last line went keeps its status (NULL)
        SELECT status INTO order_status FROM dispatch.orders WHERE id = OLD.order_id FOR NO KEY UPDATE;
        IF order_status IN ('completed', 'failed', 'cancelled') THEN
            ended := dispatch.order_lines_end_status(OLD.order_id);
            IF ended IS NOT NULL AND ended <> order_status THEN
                UPDATE dispatch.orders SET status = ended, updated_at = now(),
                        completed_at = coalesce(completed_at, now())
                    WHERE id = OLD.order_id;
            END IF;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.render_status NOT IN ('completed', 'failed', 'cancelled') THEN
        -- the SET expressions all read the row as it was: an ended order is processing again
        UPDATE dispatch.orders SET open_lines = open_lines + 1,
                status = CASE WHEN status IN ('completed', 'failed', 'cancelled') THEN 'processing' ELSE status END,
                completed_at = CASE WHEN status IN ('completed', 'failed', 'cancelled') THEN NULL ELSE completed_at END,
                updated_at = CASE WHEN status IN ('completed', 'failed', 'cancelled') THEN now() ELSE updated_at END
            WHERE id = NEW.order_id;
    END IF;
    RETURN NULL;
END
$$;

-- open <-> closed, a closed line changing its closed status, or a line moved to another order; nothing else
DROP TRIGGER order_lines_open_on_change ON order_lines;
CREATE TRIGGER order_lines_open_on_change AFTER UPDATE OF render_status, order_id ON order_lines FOR EACH ROW
    WHEN ((OLD.render_status NOT IN ('completed', 'failed', 'cancelled'))
              IS DISTINCT FROM (NEW.render_status NOT IN ('completed', 'failed', 'cancelled'))
          OR (NEW.render_status IN ('completed', 'failed', 'cancelled') AND OLD.render_status <> NEW.render_status)
          OR OLD.order_id IS DISTINCT FROM NEW.order_id)
    EXECUTE FUNCTION order_lines_count_open();

ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('draft', 'submitted', 'processing', 'completed', 'failed', 'cancelled'));

-- existing orders: cancelled lines no longer count
UPDATE orders o SET open_lines = (SELECT count(*) FROM order_lines l
    WHERE l.order_id = o.id AND l.render_status NOT IN ('completed', 'failed', 'cancelled'));

-- Orders an older version dispatched while leaving them draft or submitted: until V13 the lifecycle moved such an order
-- to processing when one of its lines ended (LifecycleStore.updateOrderLine, on every line completion); dispatch moves
-- the order itself since (RunWriter), so the statement left the hot path and its work is done here once. An order has
-- been dispatched when one of its lines has a run or a render job, or is no longer pending; it is processing since its
-- first run or job (now when neither is known).
UPDATE orders o SET status = 'processing', updated_at = now(),
        processing_started_at = coalesce(o.processing_started_at,
            (SELECT min(r.created_at) FROM workflow_runs r JOIN order_lines l ON l.id = r.order_line_id
                WHERE l.order_id = o.id),
            (SELECT min(j.created_at) FROM render_jobs j JOIN order_lines l ON l.id = j.order_line_id
                WHERE l.order_id = o.id),
            now())
    WHERE o.status IN ('draft', 'submitted') AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id
        AND (l.render_status <> 'pending'
            OR EXISTS (SELECT 1 FROM workflow_runs r WHERE r.order_line_id = l.id)
            OR EXISTS (SELECT 1 FROM render_jobs j WHERE j.order_line_id = l.id)));

-- processing orders without an open line (held open by a cancelled line, or just moved above with every line ended)
-- end as the trigger ends them
UPDATE orders o SET status = order_lines_end_status(o.id), completed_at = now(), updated_at = now(),
        processing_started_at = coalesce(o.processing_started_at, now())
    WHERE o.status = 'processing' AND o.open_lines = 0 AND order_lines_end_status(o.id) IS NOT NULL;
