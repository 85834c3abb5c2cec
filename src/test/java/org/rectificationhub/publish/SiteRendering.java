package org.rectificationhub.publish;

import org.springframework.context.ApplicationContext;

import java.util.List;
import java.util.Map;

/** The site's regeneration of one round, for the benchmark (which lives in its own package). */
public final class SiteRendering {

    private SiteRendering() {
    }

    /** Regenerates the round as the relay does; the time it took in nanoseconds. Throws if the round failed. */
    public static long regenerate(ApplicationContext context, String roundId) {
        SiteGenerator generator = context.getBean(SiteGenerator.class);
        long start = System.nanoTime();
        Map<String, String> failed = generator.regenerate(List.of(roundId));
        long took = System.nanoTime() - start;
        if (!failed.isEmpty()) {
            throw new IllegalStateException("round " + roundId + " failed: " + failed);
        }
        return took;
    }
}
