package com.hartomat.dispatch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hartomat.contracts.messages.ExecutionMode;
import com.hartomat.contracts.messages.RunStatus;
import com.hartomat.contracts.outbox.OutboxRow;
import com.hartomat.dispatch.runs.JobRecord;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle's one write statement reads its parameters where {@link EventWrite#arguments} puts them; what it does
 * to the rows is what RunLifecycleTest, RunControlTest and the others check against PostgreSQL.
 */
class EventWriteTest {

    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

    private static RunRow run() {
        return new RunRow(UUID.randomUUID(), "wf", null, null, "ot", ExecutionMode.GRAPH, null, null, T,
                RunStatus.RUNNING, 4, T, null, null, null, null, null, 0);
    }

    private static JobRow job() {
        return new JobRow("job-1", "still", JobRecord.JobRole.GRAPH, UUID.randomUUID(), "render", null, null, null,
                "completed", 2, "worker-a", List.of(Map.of("role", "still")), null);
    }

    @Test
    void everyParameterIsReadAndTheRunIdTwice() {
        Map<Integer, Integer> counts = new TreeMap<>();
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(EventWrite.SQL);
        while (m.find()) {
            counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
        }
        assertEquals(46, counts.size(), "parameters " + counts.keySet());
        assertEquals(2, counts.get(1), "the run id selects the nodes and the run");
        for (int i = 2; i <= 46; i++) {
            assertEquals(1, counts.get(i), "$" + i);
        }
        assertEquals(46, EventWrite.arguments(null, null, null, List.of(), null).size());
    }

    @Test
    void onlyChangedNodesAreWrittenWithTheirJsonAsText() {
        RunRow run = run();
        NodeRow untouched = new NodeRow("setup", "order_line_setup", RunStatus.COMPLETED, Map.of());
        NodeRow render = new NodeRow("render", "blender_still", RunStatus.QUEUED, Map.of("task_id", "job-1"));
        render.move(RunStatus.RUNNING);
        render.progress = Map.of("percent", 40);
        render.startedAt = T;
        render.attempt = 2;
        Tuple args = EventWrite.arguments(run, List.of(untouched, render), job(), List.of(), null);

        assertEquals(run.id, args.getValue(0));
        assertArrayEquals(new String[] {"render"}, (String[]) args.getValue(1));
        assertArrayEquals(new String[] {"running"}, (String[]) args.getValue(2));
        assertArrayEquals(new String[] {"{\"task_id\":\"job-1\"}"}, (String[]) args.getValue(3));
        assertArrayEquals(new Integer[] {2}, (Integer[]) args.getValue(6));
        assertArrayEquals(new String[] {"{\"percent\":40}"}, (String[]) args.getValue(8));
        assertArrayEquals(new String[] {"[]"}, (String[]) args.getValue(9));
        assertArrayEquals(new OffsetDateTime[] {T.atOffset(ZoneOffset.UTC)}, (OffsetDateTime[]) args.getValue(11));
        // the run ($18..$26) and the job ($27..$35)
        assertEquals("running", args.getValue(17));
        assertEquals(4L, args.getValue(18));
        assertEquals("job-1", args.getValue(26));
        assertEquals("completed", args.getValue(27));
    }

    @Test
    void withoutRunOrJobTheirPartsMatchNothingAndTheOutboxStillGoes() {
        OutboxRow row = new OutboxRow("comparison.requests.v1", "k", "{}", "{}");
        assertFalse(EventWrite.writes(null, null, List.of(), null));
        assertTrue(EventWrite.writes(null, null, List.of(row), null));
        assertTrue(EventWrite.writes(run(), null, List.of(), null));

        Tuple args = EventWrite.arguments(null, List.of(new NodeRow("n", "s", RunStatus.PENDING, null)), null,
                List.of(row), null);
        assertNull(args.getValue(0), "no run id: neither the run nor a node matches");
        assertEquals(0, ((String[]) args.getValue(1)).length, "no run: no node is written");
        assertNull(args.getValue(26), "no job id: no job matches");
        assertArrayEquals(new String[] {"comparison.requests.v1"}, (String[]) args.getValue(35));
    }
}
