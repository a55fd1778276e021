-- Completing an order asks "is any of its lines still open?" at every line completion: a partial index answers that
-- with one probe, however many lines the order has.
CREATE INDEX order_lines_open ON order_lines (order_id) WHERE render_status NOT IN ('completed', 'failed');
