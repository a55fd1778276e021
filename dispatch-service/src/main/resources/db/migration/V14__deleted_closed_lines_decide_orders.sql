-- A closed line deleted from a closed order decides the order's end again, as a closed line moved to another closed
-- status does since V13: deleting the only failed line of a `failed` order leaves it `completed` (or `cancelled`, by the
-- same rule: failed if a line failed, else completed if one completed, else cancelled), its completed_at kept. An order
-- whose last line is deleted keeps its status, as in V12. A deleted order's lines (ON DELETE CASCADE) find no order row
-- and change nothing.
--
-- Cost: only DELETEs of closed lines reach the new branch (render events never delete), and it reads the order's lines
-- only when the order is closed.
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
