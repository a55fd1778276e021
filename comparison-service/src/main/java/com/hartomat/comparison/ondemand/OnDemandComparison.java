package com.hartomat.comparison.ondemand;

import com.hartomat.comparison.ComparisonConfig;
import com.hartomat.api.errors.ApiException;
import com.hartomat.comparison.compare.ComparisonInput;
import com.hartomat.comparison.compare.OutputRef;
import com.hartomat.comparison.compare.PairComparator;
import com.hartomat.comparison.gate.ComparisonOutcome;
import com.hartomat.comparison.gate.NoiseFloor;
import com.hartomat.comparison.gate.ThresholdCatalog;
import com.hartomat.comparison.store.NoiseFloors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Compares a shadow run that has no stored comparison yet, as the original system's endpoint did: the run and its
 * order line come from dispatch-service's API, the authoritative output is the order line's {@code result_path}, the
 * observer output is found by {@link ObserverLocator}. The result is returned, not stored and not published: the
 * run's pair may still be unfinished, and the comparison request dispatch sends when it is finished stays the one
 * that is recorded. Blocking.
 */
@ApplicationScoped
public class OnDemandComparison {

    private static final Logger LOG = Logger.getLogger(OnDemandComparison.class);

    private final DispatchApi dispatch;
    private final PairComparator comparator;
    private final ThresholdCatalog thresholds;
    private final NoiseFloors noiseFloors;
    private final ObserverLocator locator;

    public OnDemandComparison(@RestClient DispatchApi dispatch, PairComparator comparator, ThresholdCatalog thresholds,
            NoiseFloors noiseFloors, ComparisonConfig config) {
        this.dispatch = dispatch;
        this.comparator = comparator;
        this.thresholds = thresholds;
        this.noiseFloors = noiseFloors;
        this.locator = new ObserverLocator(config.storage().root());
    }

    /** What was compared and how it was judged. */
    public record Result(DispatchApi.Run run, ComparisonOutcome outcome, NoiseFloor noiseFloor) {
    }

    public Result compare(String runId) {
        DispatchApi.Run run = call(() -> dispatch.run(runId), "workflow_run", runId);
        if (!"shadow".equals(run.executionMode())) {
            throw new ApiException(409, "not_a_shadow_run", "workflow run '" + runId + "' ran in "
                    + run.executionMode() + " mode; only shadow runs are compared", "/id");
        }
        if (run.orderLineId() == null) {
            throw new ApiException(409, "not_a_shadow_run", "workflow run '" + runId
                    + "' has no order line, so it has no authoritative legacy output", "/id");
        }
        DispatchApi.OrderLine line = call(() -> dispatch.orderLine(run.orderLineId()), "order_line", run.orderLineId());
        String authoritative = blankToNull(line.resultPath());
        String observer = locator.observerPath(authoritative, run.orderLineId(), runId);
        ComparisonInput input = new ComparisonInput(runId, ref(authoritative), ref(observer), List.of(), List.of());
        String outputType = run.outputTypeId() != null ? run.outputTypeId() : line.outputTypeId();
        NoiseFloor floor = noiseFloors.forOutputType(outputType).orElse(null);
        ComparisonOutcome outcome = ComparisonOutcome.decide(comparator.compare(input), null,
                thresholds.forOutputType(outputType), floor);
        return new Result(run, outcome, floor);
    }

    private static OutputRef ref(String path) {
        return path == null ? null : new OutputRef(path, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** dispatch's answer, or a 4xx/503 that says what is missing; never the client's exception text. */
    private static <T> T call(Supplier<T> request, String what, String id) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                throw new ApiException(404, what + "_not_found", what.replace('_', ' ') + " '" + id
                        + "' does not exist in dispatch-service", "/id");
            }
            LOG.warnf("dispatch-service answered %d for %s %s", status, what, id);
            throw new ApiException(502, "dispatch_error", "dispatch-service answered " + status + " for " + what
                    .replace('_', ' ') + " '" + id + "'; the comparison cannot be computed now", "");
        } catch (ProcessingException | IllegalStateException | FaultToleranceException e) {
            // unreachable, every attempt timed out, or the breaker is open
            LOG.warnf("dispatch-service unreachable for %s %s: %s", what, id, e.toString());
            throw new ApiException(503, "dispatch_unavailable", "dispatch-service did not answer in time; the run's "
                    + "outputs cannot be located now, try again later", "");
        }
    }
}
