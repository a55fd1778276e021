package com.hartomat.dispatch.runstream;

import com.hartomat.contracts.messages.RunStatusEvent;

/** A {@code run_events} row: the event and its log id (the BIGSERIAL the multi-run stream uses as event id). */
record StoredEvent(long id, RunStatusEvent event) {

    long sequence() {
        return event.sequence();
    }
}
