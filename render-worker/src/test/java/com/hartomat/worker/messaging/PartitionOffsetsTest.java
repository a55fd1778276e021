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
    void revokedPartitionsAreForgotten() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.started(p0, 5);
        offsets.revoked(List.of(p0));
        offsets.finished(p0, 5);
        assertEquals(Map.of(), offsets.takeCommittable());
        assertEquals(0, offsets.inFlight());
    }
}
