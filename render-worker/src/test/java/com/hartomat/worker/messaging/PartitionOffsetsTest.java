package com.hartomat.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    final TopicPartition p0 = new TopicPartition("render.jobs.v1", 0);

    @Test
    void anOffsetIsCommittableOnlyWhenEveryEarlierRecordFinished() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(p0, 10);
        offsets.started(p0, 11);
        offsets.finished(p0, 11);
        assertEquals(Map.of(), offsets.takeCommittable(), "10 still running");
        offsets.finished(p0, 10);
        assertEquals(Map.of(p0, 12L), offsets.takeCommittable());
        assertEquals(Map.of(), offsets.takeCommittable(), "taken once");
    }

    @Test
    void parallelJobsFinishingOutOfOrderCommitOnlyUpToTheLowestUnfinishedOffsetPerPartition() {
        TopicPartition p1 = new TopicPartition("render.jobs.v1", 1);
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(p0, 20);
        offsets.started(p0, 21);
        offsets.started(p0, 22);
        offsets.started(p1, 4);

        offsets.finished(p0, 22);
        offsets.finished(p1, 4);
        assertEquals(Map.of(p1, 5L), offsets.takeCommittable(), "p0 waits for 20 and 21; p1 is independent");
        offsets.finished(p0, 20);
        assertEquals(Map.of(p0, 21L), offsets.takeCommittable(), "21 is still running");
        offsets.started(p0, 23);
        offsets.finished(p0, 21);
        assertEquals(Map.of(p0, 23L), offsets.takeCommittable(), "20..22 done, 23 running");
        assertEquals(1, offsets.inFlight());
    }

    @Test
    void revokedPartitionsAreForgotten() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(p0, 5);
        offsets.revoked(List.of(p0));
        offsets.finished(p0, 5);
        assertEquals(Map.of(), offsets.takeCommittable());
        assertEquals(0, offsets.inFlight());
    }

    @Test
    void offsetsOfAFailedCommitAreRestoredUnlessNewerOnesOrARevocationCameMeanwhile() {
        TopicPartition p1 = new TopicPartition("render.jobs.v1", 1);
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(p0, 3);
        offsets.started(p1, 7);
        offsets.finished(p0, 3);
        offsets.finished(p1, 7);
        Map<TopicPartition, Long> failed = offsets.takeCommittable();
        offsets.started(p0, 4);
        offsets.finished(p0, 4);
        offsets.revoked(List.of(p1));

        offsets.restore(failed);

        assertEquals(Map.of(p0, 5L), offsets.takeCommittable(), "p0's newer offset wins, revoked p1 is not brought back");
        offsets.restore(Map.of(p0, 5L));
        assertEquals(Map.of(p0, 5L), offsets.takeCommittable(), "restored when nothing newer came");
    }
}
