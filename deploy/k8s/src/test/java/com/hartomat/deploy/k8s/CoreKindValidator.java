package com.hartomat.deploy.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Validates the core kinds with fabric8's model classes, strictly: a value of the wrong type fails (Jackson), and so does
 * a field the model does not know. fabric8's classes keep unknown fields in {@code additionalProperties} instead of
 * failing, so after reading, every model object of the tree is visited and any additional property is a violation,
 * reported with its JSON pointer.
 */
public final class CoreKindValidator {

    static final Map<String, Class<?>> KINDS = Map.of(
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    public boolean handles(Located object) {
        return KINDS.containsKey(object.apiVersion() + "/" + object.kind());
    }

    public List<Violation> validate(Located object) {
        Class<?> type = KINDS.get(object.apiVersion() + "/" + object.kind());
        List<Violation> violations = new ArrayList<>();
        Object model;
        try {
            model = MAPPER.treeToValue(object.object(), type);
        } catch (JsonMappingException e) {
            violations.add(new Violation(object.id(), pointer(e.getPath()), e.getOriginalMessage()));
            return violations;
        } catch (Exception e) {
            violations.add(new Violation(object.id(), "", e.getMessage()));
            return violations;
        }
        visit(model, "", object.id(), violations);
        return violations;
    }

    private void visit(Object value, String path, String id, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                visit(item, path + "/" + i++, id, violations);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> visit(v, path + "/" + k, id, violations));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        additionalProperties(value).forEach((field, v) ->
                violations.add(new Violation(id, path + "/" + field, "unknown field '" + field + "' for "
                        + value.getClass().getSimpleName())));
        JavaType type = MAPPER.constructType(value.getClass());
        BeanDescription bean = MAPPER.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.getGetter() == null || property.getName().equals("additionalProperties")) {
                continue;
            }
            Object child;
            try {
                child = property.getGetter().getAnnotated().invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            visit(child, path + "/" + property.getName(), id, violations);
        }
    }

    private static Map<?, ?> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object properties = getter.invoke(value);
            return properties instanceof Map<?, ?> map ? map : Map.of();
        } catch (ReflectiveOperationException e) {
            return Map.of();
        }
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }
}
