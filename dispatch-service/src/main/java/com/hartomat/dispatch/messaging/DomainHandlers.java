package com.hartomat.dispatch.messaging;

import com.hartomat.contracts.messages.ComparisonVerdict;
import com.hartomat.contracts.messages.RegistryChange;
import com.hartomat.contracts.messages.RenderEvent;
import com.hartomat.dispatch.lifecycle.RunLifecycle;
import com.hartomat.dispatch.readmodel.RegistryReadModel;
import com.hartomat.dispatch.rollout.ShadowVerdicts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Registry changes into the read model, comparison verdicts into rollout, render events into the run lifecycle. */
@ApplicationScoped
public class DomainHandlers implements InboundHandlers {

    private final RegistryReadModel readModel;
    private final ShadowVerdicts verdicts;
    private final RunLifecycle lifecycle;

    public DomainHandlers(RegistryReadModel readModel, ShadowVerdicts verdicts, RunLifecycle lifecycle) {
        this.readModel = readModel;
        this.verdicts = verdicts;
        this.lifecycle = lifecycle;
    }

    @Override
    public Uni<?> registryChange(RegistryChange change) {
        return readModel.apply(change);
    }

    @Override
    public Uni<?> verdict(ComparisonVerdict verdict) {
        return verdicts.record(verdict);
    }

    @Override
    public Uni<?> renderEvent(RenderEvent event) {
        return lifecycle.apply(event);
    }
}
