package org.rectificationhub.ops.console;

import org.rectificationhub.ops.routes.Routes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each route's state and numbers, worded once here for the Routes page and its poll (/ops/data/routes), as Counters
 * words the overview's, so a refreshed figure reads exactly as the page first showed it. Keys are
 * {@code route.<id>.<figure>}, what the page's {@code data-counter} attributes name.
 */
@Component
class RouteFigures {

    private final Routes routes;
    private final ConsoleTime time;
    private final MessageSource messages;

    RouteFigures(Routes routes, ConsoleTime time, MessageSource messages) {
        this.routes = routes;
        this.time = time;
        this.messages = messages;
    }

    List<Routes.View> routes() {
        return routes.all();
    }

    Map<String, Counters.Counter> of(List<Routes.View> views) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Counters.Counter> figures = new LinkedHashMap<>();
        for (Routes.View route : views) {
            String key = "route." + route.id() + ".";
            // a stopped route is worth a look unless configuration stopped it with its channel
            put(figures, key + "state", messages.getMessage("routes.state." + route.state(), null, route.state(),
                    locale), route.autoStartup() && !"started".equals(route.state()));
            Routes.Statistics s = route.statistics();
            if (s != null) {
                put(figures, key + "total", String.valueOf(s.exchangesTotal()), false);
                put(figures, key + "failed", String.valueOf(s.exchangesFailed()), s.exchangesFailed() > 0);
                put(figures, key + "inflight", String.valueOf(s.exchangesInflight()), false);
                put(figures, key + "mean", millis(s.meanProcessingMillis()), false);
                put(figures, key + "max", millis(s.maxProcessingMillis()), false);
                put(figures, key + "lastFailure", s.lastFailure() == null ? "—" : time.at(s.lastFailure().at()),
                        false);
            }
        }
        return figures;
    }

    /** What the poll answers: every figure's text and whether it asks for attention. */
    Map<String, Map<String, Object>> byKey() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        of(routes()).forEach((key, c) -> all.put(key, Map.of("text", c.text(), "alert", c.alert())));
        return all;
    }

    private static void put(Map<String, Counters.Counter> figures, String key, String text, boolean alert) {
        figures.put(key, new Counters.Counter(key, null, text, alert));
    }

    /** Camel has no time before a route's first exchange completes. */
    private static String millis(Long millis) {
        return millis == null ? "—" : String.valueOf(millis);
    }
}
