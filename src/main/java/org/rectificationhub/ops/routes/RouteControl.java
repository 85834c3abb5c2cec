package org.rectificationhub.ops.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.RouteController;
import org.rectificationhub.audit.AuditLog;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.ActionResult.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Operators stop, start, suspend and resume routes (the API, the console), through Camel's route controller;
 * every attempt is audited. A route switched off by configuration (a disabled channel) is not started from here:
 * its channel has nothing to talk to.
 */
@Component
public class RouteControl {

    public enum Command {
        STOP, START, SUSPEND, RESUME;

        String action() {
            return "route." + name().toLowerCase(Locale.ROOT);
        }

        /** As written in a path: stop, start, suspend, resume; null for anything else. */
        public static Command of(String word) {
            for (Command command : values()) {
                if (command.name().equalsIgnoreCase(word)) {
                    return command;
                }
            }
            return null;
        }
    }

    /** How long a stop or suspend waits for the exchanges in flight before it forces them. */
    static final long GRACE_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(RouteControl.class);

    private final CamelContext camel;
    private final Routes routes;
    private final AuditLog audit;
    private final OperatorHolds holds;

    RouteControl(CamelContext camel, Routes routes, AuditLog audit, Clock clock) {
        this.camel = camel;
        this.routes = routes;
        this.audit = audit;
        this.holds = new OperatorHolds(camel, clock);
    }

    OperatorHolds holds() {
        return holds;
    }

    public ActionResult act(String id, Command command, String actor, String comment) {
        String target = "route/" + id;
        Route route = camel.getRoute(id);
        if (route == null) {
            return refused(actor, command, target, comment, Status.NOT_FOUND, "no route '" + id + "'; the routes are "
                    + routes.ids());
        }
        if ((command == Command.START || command == Command.RESUME) && Boolean.FALSE.equals(route.isAutoStartup())) {
            return refused(actor, command, target, comment, Status.CONFLICT, "route '" + id + "' is switched off by"
                    + " configuration (its channel is disabled); enable the channel and restart the hub instead");
        }
        String before = routes.state(id);
        try {
            RouteController controller = camel.getRouteController();
            switch (command) {
                case STOP -> controller.stopRoute(id, GRACE_SECONDS, TimeUnit.SECONDS);
                case START -> controller.startRoute(id);
                case SUSPEND -> controller.suspendRoute(id, GRACE_SECONDS, TimeUnit.SECONDS);
                case RESUME -> controller.resumeRoute(id);
            }
        } catch (Exception failure) {
            String why = "route '" + id + "' could not " + command.name().toLowerCase(Locale.ROOT) + ": "
                    + failure.getClass().getSimpleName() + ": " + failure.getMessage();
            log.error("Operator {}: {}", actor, why, failure);
            audit.recordAlone(actor, command.action(), target, comment, why);
            return ActionResult.not(Status.FAILED, why);
        }
        String after = routes.state(id);
        if (command == Command.STOP || command == Command.SUSPEND) {
            holds.hold(id, after, actor, comment);
        } else if ("started".equals(after)) {
            holds.release(id);
        }
        String said = before.equals(after) ? "route '" + id + "' was already " + after : "route '" + id + "': " + before
                + " → " + after;
        audit.record(actor, command.action(), target, comment, AuditLog.Outcome.DONE, said);
        return ActionResult.done(said, Map.of("routeId", id, "before", before, "state", after));
    }

    private ActionResult refused(String actor, Command command, String target, String comment, Status status,
                                 String why) {
        audit.record(actor, command.action(), target, comment, AuditLog.Outcome.REFUSED, why);
        return ActionResult.not(status, why);
    }
}
