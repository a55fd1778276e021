package com.hartomat.dispatch.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.outbox.OutboxRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The unnest statements read their parameters in the order the columns are appended: numbering and row order. */
class EventRowsTest {

    private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");

    /** How often each $n occurs in the statement. */
    private static Map<Integer, Integer> params(String sql) {
        Map<Integer, Integer> counts = new TreeMap<>();
        Matcher m = PARAM.matcher(sql);
        while (m.find()) {
            counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertEachOnce(String sql, int n) {
        Map<Integer, Integer> counts = params(sql);
        assertEquals(n, counts.size(), "parameters " + counts.keySet());
        for (int i = 1; i <= n; i++) {
            assertEquals(1, counts.getOrDefault(i, 0), "$" + i + " in " + sql);
        }
    }

    @Test
    void theLifecycleStatementReadsElevenArraysOnceEach() {
        assertEachOnce(EventRows.INSERT_BOTH, 11);
        EventRows rows = new EventRows();
        rows.outbox(new OutboxRow("render.jobs.v1", "job-1", "{}", "{}"));
        List<Object> args = new ArrayList<>();
        rows.appendTo(args);
        assertEquals(11, args.size());
    }

    @Test
    void theDispatchStatementReadsItsFortyThreeParametersOnceEach() {
        assertEachOnce(RunWriter.WRITE_ALL, 43);
        DispatchWrite empty = new DispatchWrite(List.of(), List.of(), List.of(), null, null, null);
        assertEquals(43, RunWriter.arguments(empty, Instant.now()).size());
    }

    @Test
    void outboxRowsKeepTheOrderTheyWereAddedInWithEventsAmongThem() {
        EventRows rows = new EventRows();
        UUID run = UUID.randomUUID();
        UUID line = UUID.randomUUID();
        assertTrue(rows.isEmpty());
        rows.event(run, 1, "e1", "wf", line, "ot", new OutboxRow("runs.status.v1", run.toString(), "{\"s\":1}", "{}"));
        rows.outbox(new OutboxRow("render.jobs.v1", "job-1", "{\"job\":1}", "{\"traceparent\":\"x\"}"));
        rows.event(run, 2, "e2", "wf", line, "ot", new OutboxRow("runs.status.v1", run.toString(), "{\"s\":2}", "{}"));
        assertFalse(rows.isEmpty());
        List<Object> args = new ArrayList<>();
        rows.appendTo(args);
        assertArrayEquals(new String[] {"runs.status.v1", "render.jobs.v1", "runs.status.v1"}, (String[]) args.get(0));
        assertArrayEquals(new String[] {"{\"s\":1}", "{\"job\":1}", "{\"s\":2}"}, (String[]) args.get(2));
        assertArrayEquals(new String[] {"{}", "{\"traceparent\":\"x\"}", "{}"}, (String[]) args.get(3));
        // the kept events: only the status events, with their run and sequence
        assertArrayEquals(new UUID[] {run, run}, (UUID[]) args.get(4));
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) args.get(5));
        assertArrayEquals(new String[] {"{\"s\":1}", "{\"s\":2}"}, (String[]) args.get(10));
    }
}
