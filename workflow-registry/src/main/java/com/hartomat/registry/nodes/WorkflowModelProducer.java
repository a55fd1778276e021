package com.hartomat.registry.nodes;

import com.hartomat.registry.RegistryConfig;
import com.hartomat.workflow.model.NodeCatalog;
import com.hartomat.workflow.model.ValidationLimits;
import com.hartomat.workflow.model.WorkflowValidator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The workflow model the registry serves: the standard catalogue and a validator with the configured limits. */
public class WorkflowModelProducer {

    @Produces
    @Singleton
    NodeCatalog catalog() {
        return NodeCatalog.standard();
    }

    @Produces
    @Singleton
    WorkflowValidator validator(NodeCatalog catalog, RegistryConfig config) {
        return new WorkflowValidator(catalog, new ValidationLimits(config.workflows().maxNodes(), config.workflows().maxEdges()));
    }
}
