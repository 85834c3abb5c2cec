package org.rectificationhub.ops.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.RouteError;
import org.apache.camel.util.URISupport;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's routes (routes/*.camel.yaml) as Camel sees them: state from its route controller, numbers from its
 * JMX management (camel.main.jmx-enabled), read at each call; nothing is counted or kept here.
 */
@Component
public class Routes {

    static final String NO_STATISTICS = "Camel's JMX management is off (camel.main.jmx-enabled), so it keeps no"
            + " statistics for the routes";
    static final String WHERE_THE_MESSAGE_IS = "Camel keeps the time and exchange id of a route's last failure, not"
            + " its message: the hub's log has the message beside that exchange id";

    /**
     * @param state       started, stopped, suspended, …
     * @param autoStartup false for a route switched off by configuration (its channel disabled)
     * @param from        the endpoint it consumes, passwords masked
     * @param statistics  null when Camel keeps none (the note says why)
     * @param lastError   the last time the route itself failed to start, stop or resume, or null
     */
    public record View(String id, String state, boolean autoStartup, String from, long uptimeMillis,
                       Statistics statistics, LifecycleError lastError, String note) {
    }

    /**
     * Since the route started (or the statistics were reset); times in milliseconds, null before the first exchange
     * has completed (Camel says -1 then).
     */
    public record Statistics(long exchangesTotal, long exchangesFailed, long exchangesInflight, long failuresHandled,
                             Long meanProcessingMillis, Long maxProcessingMillis, LastFailure lastFailure) {
    }

    /** @param note where its message is, since Camel does not keep it */
    public record LastFailure(Instant at, String exchangeId, String note) {
    }

    public record LifecycleError(Instant at, String phase, String message) {
    }

    private final CamelContext camel;

    Routes(CamelContext camel) {
        this.camel = camel;
    }

    public List<View> all() {
        return camel.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId)).map(this::view).toList();
    }

    public Optional<View> find(String id) {
        return Optional.ofNullable(camel.getRoute(id)).map(this::view);
    }

    public List<String> ids() {
        return camel.getRoutes().stream().map(Route::getRouteId).sorted().toList();
    }

    String state(String id) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT);
    }

    private View view(Route route) {
        String id = route.getRouteId();
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        ManagedRouteMBean mbean = managed == null ? null : managed.getManagedRoute(id);
        Statistics statistics = mbean == null ? null : statistics(mbean);
        return new View(id, state(id), !Boolean.FALSE.equals(route.isAutoStartup()),
                URISupport.sanitizeUri(route.getEndpoint().getEndpointUri()), route.getUptimeMillis(), statistics,
                lifecycleError(route.getLastError()), statistics == null ? NO_STATISTICS : null);
    }

    private static Statistics statistics(ManagedRouteMBean route) {
        Date failed = route.getLastExchangeFailureTimestamp();
        LastFailure lastFailure = failed == null ? null : new LastFailure(failed.toInstant(),
                route.getLastExchangeFailureExchangeId(), WHERE_THE_MESSAGE_IS);
        boolean timed = route.getExchangesCompleted() + route.getExchangesFailed() > 0;
        return new Statistics(route.getExchangesTotal(), route.getExchangesFailed(), route.getExchangesInflight(),
                route.getFailuresHandled(), timed ? route.getMeanProcessingTime() : null,
                timed ? route.getMaxProcessingTime() : null, lastFailure);
    }

    private static LifecycleError lifecycleError(RouteError error) {
        if (error == null) {
            return null;
        }
        Throwable cause = error.getException();
        return new LifecycleError(error.getDate() == null ? null : error.getDate().toInstant(),
                error.getPhase() == null ? null : error.getPhase().name().toLowerCase(Locale.ROOT),
                cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
