package com.hartomat.registry.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    final ErrorMapper mapper = new ErrorMapper();

    static String code(Response r) {
        return ((ObjectNode) r.getEntity()).get("code").asText();
    }

    @Test
    void uniqueViolationReportedByHibernateReactiveIsAConflict() {
        ConstraintViolationException e = new ConstraintViolationException("insert failed",
                new SQLException("duplicate key value violates unique constraint", "23505"), "workflow_versions_key");
        Response r = mapper.hibernate(e);
        assertEquals(409, r.getStatus());
        assertEquals("conflict", code(r));
    }

    @Test
    void refusalsWrappedByReactivePipelinesKeepTheirStatus() {
        Response r = mapper.unexpected(new CompletionException(ApiException.notFound("workflow", "x")));
        assertEquals(404, r.getStatus());
        assertEquals("not_found", code(r));
    }

    @Test
    void genuineFaultsAre500WithTheSameShape() {
        Response r = mapper.unexpected(new IllegalStateException("bug"));
        assertEquals(500, r.getStatus());
        assertEquals("internal_error", code(r));
    }
}
