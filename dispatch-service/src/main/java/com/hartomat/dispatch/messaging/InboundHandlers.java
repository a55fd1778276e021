package com.hartomat.dispatch.messaging;

import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderEvent;
import io.smallrye.mutiny.Uni;

/**
 * What a consumed message is handed to, per topic. One production bean ({@link DomainHandlers}); tests add a CDI
 * alternative that delegates to it unless a test armed a failure (database unreachable, unknown job, a hold).
 */
public interface InboundHandlers {

    Uni<?> registryChange(RegistryChange change);

    Uni<?> verdict(ComparisonVerdict verdict);

    /** A render event; the messages it causes continue the current trace context (the record's consumer span). */
    Uni<?> renderEvent(RenderEvent event);
}
