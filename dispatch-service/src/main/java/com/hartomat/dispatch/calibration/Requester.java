package com.hartomat.dispatch.calibration;

import java.util.Set;

/**
 * Who asked for a calibration. A person calling dispatch directly is the verified token's subject, whatever the body
 * says. A relaying service of the suite (comparison-service, which verified the user's own token before it called)
 * may name the user it calls for in {@code requested_by}; only the subjects listed in
 * {@code hartomat.auth.relaying-services} are trusted to do so.
 */
public final class Requester {

    private Requester() {
    }

    /** The actor to record: the claimed user when a trusted relaying service calls, else the caller itself. */
    public static String of(String callerSubject, String claimedRequester, Set<String> relayingServices) {
        boolean relayed = relayingServices.contains(callerSubject) && claimedRequester != null
                && !claimedRequester.isBlank();
        return relayed ? claimedRequester : callerSubject;
    }
}
