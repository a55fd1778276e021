package com.hartomat.dispatch.runstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hartomat.contracts.messages.RunStatusEvent;
import com.hartomat.dispatch.DispatchConfig;
import com.hartomat.dispatch.runs.RunQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Builds the run status streams. Each stream starts listening to this replica's {@link RunStatusFeed} before it reads
 * the {@link RunEventLog}, so nothing committed in between is lost; live events wait in a bounded buffer while the
 * log is replayed, and are then de-duplicated by their per-run {@code sequence}. A live event that skips sequences
 * (the feed lagged or joined late) has the gap read from the log first.
 */
@ApplicationScoped
public class RunStreams {

    private static final Logger LOG = Logger.getLogger(RunStreams.class);
    private static final int REPLAY_PAGE = 500;
    /** How many runs a multi-run stream remembers the last sent sequence of, for de-duplication. */
    private static final int REMEMBERED_RUNS = 10_000;

    private final RunStatusFeed feed;
    private final RunEventLog log;
    private final RunQueries runs;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final int liveBuffer;

    public RunStreams(RunStatusFeed feed, RunEventLog log, RunQueries runs, ObjectMapper json, DispatchConfig config) {
        this.feed = feed;
        this.log = log;
        this.runs = runs;
        this.json = json;
        this.heartbeat = config.sse().heartbeat();
        this.liveBuffer = config.sse().liveBuffer();
    }

    /**
     * One run: a {@code snapshot} (the run as {@code GET /api/workflows/runs/{id}} shows it), its logged events after
     * {@code after} (0 for all), then live events; each status event's id is its sequence. Ends after the run's
     * terminal event, or after the replay when the run had already ended.
     */
    public Multi<Frame> run(UUID runId, long after) {
        return Multi.createFrom().deferred(() -> {
            UnicastProcessor<RunStatusEvent> live = liveBuffer();
            Runnable stop = feed.listenToRun(runId.toString(), live::onNext);
            RunCursor cursor = new RunCursor(runId, after);
            Multi<Frame> head = runs.run(runId).onItem().transformToMulti(snapshot -> Multi.createBy().concatenating()
                    .streams(Multi.createFrom().item(Frame.snapshot(write(snapshot))),
                            log.ofRun(runId, after, Long.MAX_VALUE).onItem().transformToMulti(rows -> Multi.createFrom()
                                    .iterable(cursor.replayed(rows, StatusEvents.terminal(snapshot.status()))))));
            Multi<Frame> tail = live.onItem().transformToMultiAndConcatenate(cursor::live);
            return framed(Multi.createBy().concatenating().streams(head, tail), "run " + runId).onTermination()
                    .invoke(stop);
        });
    }

    /**
     * Every run the filter matches: no snapshot; with {@code afterId} the logged events after that log id (in log id
     * order), then live events; each status event's id is its {@code run_events.id}.
     */
    public Multi<Frame> runs(RunFilter filter, Long afterId) {
        return Multi.createFrom().deferred(() -> {
            UnicastProcessor<RunStatusEvent> live = liveBuffer();
            Runnable stop = feed.listen(filter::matches, live::onNext);
            FeedCursor cursor = new FeedCursor();
            Multi<Frame> head = afterId == null ? Multi.createFrom().empty() : replay(filter, afterId, cursor);
            Multi<Frame> tail = live.onItem().transformToMultiAndConcatenate(cursor::live);
            return framed(Multi.createBy().concatenating().streams(head, tail), "runs " + filter).onTermination()
                    .invoke(stop);
        });
    }

    private Multi<Frame> replay(RunFilter filter, long afterId, FeedCursor cursor) {
        AtomicLong next = new AtomicLong(afterId);
        return Multi.createBy().repeating()
                .uni(() -> log.page(filter, next.get(), REPLAY_PAGE).invoke(rows -> {
                    if (!rows.isEmpty()) {
                        next.set(rows.get(rows.size() - 1).id());
                    }
                }))
                .whilst(rows -> rows.size() == REPLAY_PAGE)
                .onItem().transformToIterable(cursor::replayed);
    }

    private UnicastProcessor<RunStatusEvent> liveBuffer() {
        return UnicastProcessor.create(new ArrayBlockingQueue<>(liveBuffer), null);
    }

    /**
     * Adds heartbeats and ends the stream at {@link Frame#END}. A failure (database away, live buffer overflowed)
     * ends the stream too: the client reconnects with Last-Event-ID and the log fills in what it missed.
     */
    private Multi<Frame> framed(Multi<Frame> events, String what) {
        Multi<Frame> ending = events
                .onFailure().recoverWithItem(failure -> {
                    LOG.infof("status stream of %s ends: %s", what, failure.toString());
                    return Frame.END;
                })
                .onCompletion().continueWith(Frame.END);
        // a heartbeat the client is too slow to take is dropped, not queued
        Multi<Frame> beats = Multi.createFrom().ticks().every(heartbeat).onOverflow().drop()
                .onItem().transform(tick -> Frame.HEARTBEAT);
        return Multi.createBy().merging().streams(ending, beats).select().first(frame -> frame != Frame.END);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a one-run stream stands: the last sequence it sent. Used by one stage at a time. */
    private final class RunCursor {

        private final UUID runId;
        private long lastSent;

        RunCursor(UUID runId, long after) {
            this.runId = runId;
            this.lastSent = after;
        }

        List<Frame> replayed(List<StoredEvent> rows, boolean runEnded) {
            TreeMap<Long, RunStatusEvent> events = new TreeMap<>();
            rows.forEach(r -> events.put(r.sequence(), r.event()));
            List<Frame> frames = send(events);
            if (runEnded && (frames.isEmpty() || frames.get(frames.size() - 1) != Frame.END)) {
                frames.add(Frame.END);
            }
            return frames;
        }

        Multi<Frame> live(RunStatusEvent event) {
            long sequence = event.sequence();
            if (sequence <= lastSent) {
                return Multi.createFrom().empty();
            }
            if (sequence == lastSent + 1 && !StatusEvents.ends(event)) {
                lastSent = sequence;
                return Multi.createFrom().item(Frame.status(sequence, StatusEvents.json(event)));
            }
            // a gap before this event, or the run's end: the log has what the topic has not brought (yet), and for the
            // end also the events committed with it
            long upTo = StatusEvents.ends(event) ? Long.MAX_VALUE : sequence;
            return log.ofRun(runId, lastSent, upTo).onItem().transformToMulti(rows -> {
                TreeMap<Long, RunStatusEvent> events = new TreeMap<>();
                rows.forEach(r -> events.put(r.sequence(), r.event()));
                events.putIfAbsent(sequence, event);
                return Multi.createFrom().iterable(send(events));
            });
        }

        /**
         * The events past the last sent, in order; the stream ends when the latest of them ends the run. An earlier
         * terminal event is history: a run that failed and was then retried or resumed goes on past it.
         */
        private List<Frame> send(TreeMap<Long, RunStatusEvent> events) {
            List<Frame> frames = new ArrayList<>();
            boolean ended = false;
            for (RunStatusEvent e : events.tailMap(lastSent, false).values()) {
                frames.add(Frame.status(e.sequence(), StatusEvents.json(e)));
                lastSent = e.sequence();
                ended = StatusEvents.ends(e);
            }
            if (ended) {
                frames.add(Frame.END);
            }
            return frames;
        }
    }

    /** Where a multi-run stream stands: the last sequence sent per run. Used by one stage at a time. */
    private final class FeedCursor {

        private final Map<String, Long> lastSent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > REMEMBERED_RUNS;
            }
        };

        List<Frame> replayed(List<StoredEvent> rows) {
            List<Frame> frames = new ArrayList<>(rows.size());
            for (StoredEvent row : rows) {
                if (fresh(row.event())) {
                    frames.add(Frame.status(row.id(), StatusEvents.json(row.event())));
                    lastSent.put(row.event().workflowRunId(), row.sequence());
                }
            }
            return frames;
        }

        /** The event with its log id; with a gap since this run's last sent event, the missing ones first. */
        Multi<Frame> live(RunStatusEvent event) {
            if (!fresh(event)) {
                return Multi.createFrom().empty();
            }
            String run = event.workflowRunId();
            Long known = lastSent.get(run);
            long from = known == null ? event.sequence() - 1 : known;
            UUID runId;
            try {
                runId = UUID.fromString(run);
            } catch (IllegalArgumentException e) {
                return Multi.createFrom().item(send(run, null, event));
            }
            return log.ofRun(runId, from, event.sequence()).onItem().transformToMulti(rows -> {
                List<Frame> frames = new ArrayList<>();
                boolean logged = false;
                for (StoredEvent row : rows) {
                    if (fresh(row.event())) {
                        frames.add(send(run, row.id(), row.event()));
                    }
                    logged |= row.sequence() == event.sequence();
                }
                if (!logged && fresh(event)) {
                    // not (yet) in this replica's view of the log: sent without an id
                    frames.add(send(run, null, event));
                }
                return Multi.createFrom().iterable(frames);
            });
        }

        private boolean fresh(RunStatusEvent event) {
            Long known = lastSent.get(event.workflowRunId());
            return known == null || event.sequence() > known;
        }

        private Frame send(String run, Long id, RunStatusEvent event) {
            lastSent.put(run, event.sequence());
            return Frame.status(id, StatusEvents.json(event));
        }
    }
}
