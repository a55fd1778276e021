-- An order's status follows its lines wherever a line changes. Until now only a render event that ended a line could
-- end its order (LifecycleStore.updateOrderLine); deleting the last open line, ending it by PATCH or opening a line of
-- an ended order again (a resumed or retried run) left the order where it was. The one place every one of those paths
-- goes through is the open-line count V11 keeps on the order, so the rule lives next to it, in the same trigger:
--
-- * when open_lines of a `processing` order reaches 0 (a line ended or was deleted, and the order still has a line),
--   the order becomes `failed` if one of its lines failed, else `completed`, with completed_at (and
--   processing_started_at if it had none). Only `processing` orders end by themselves: a draft or submitted order was
--   never dispatched (dispatch moves it to processing, RunWriter; a render event for an order an older version left
--   draft moves it to processing first, LifecycleStore), and lines ended by hand do not end it. An order whose lines
--   were all deleted stays `processing`: nothing was rendered, an operator ends it (PATCH /api/orders).
-- * when a line of a `completed` or `failed` order is open again (it left completed/failed: a resumed or retried run
--   renders it again), the order is `processing` again with completed_at cleared, and ends again by the rule above.
--   New lines are still refused on a closed order (409 order_closed, ContextStore.insertOrderLine).
--
-- The hot path stays cheap: the WHEN clause of V11 still keeps the trigger out of updates that leave a line open or
-- closed, the decrement itself says whether the order reached 0 (RETURNING), and lines are read only at that moment,
-- to decide failed or completed.
CREATE OR REPLACE FUNCTION order_lines_count_open() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    remaining INTEGER;
    order_status TEXT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.render_status NOT IN ('completed', 'failed') THEN
        UPDATE dispatch.orders SET open_lines = open_lines - 1 WHERE id = OLD.order_id
            RETURNING open_lines, status INTO remaining, order_status;
        IF remaining = 0 AND order_status = 'processing'
                AND EXISTS (SELECT 1 FROM dispatch.order_lines l WHERE l.order_id = OLD.order_id) THEN
            UPDATE dispatch.orders SET status = CASE WHEN EXISTS (SELECT 1 FROM dispatch.order_lines l
                        WHERE l.order_id = OLD.order_id AND l.render_status = 'failed') THEN 'failed' ELSE 'completed' END,
                    completed_at = now(), updated_at = now(),
                    processing_started_at = coalesce(processing_started_at, now())
                WHERE id = OLD.order_id;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.render_status NOT IN ('completed', 'failed') THEN
        -- the SET expressions all read the row as it was: an ended order is processing again
        UPDATE dispatch.orders SET open_lines = open_lines + 1,
                status = CASE WHEN status IN ('completed', 'failed') THEN 'processing' ELSE status END,
                completed_at = CASE WHEN status IN ('completed', 'failed') THEN NULL ELSE completed_at END,
                updated_at = CASE WHEN status IN ('completed', 'failed') THEN now() ELSE updated_at END
            WHERE id = NEW.order_id;
    END IF;
    RETURN NULL;
END
$$;
