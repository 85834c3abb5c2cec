package org.rectificationhub.ops.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's sections in the order the navigation shows them. A section is shown once a page answers at its path:
 * adding a page is a template and a controller method mapped to the path below, and its link appears; a section
 * without a page is not shown, rather than offered as a link that leads nowhere. Labels are the messages
 * {@code nav.<key>}.
 */
@Component
class ConsoleNav {

    enum Section {
        OVERVIEW("/ops/"),
        ROUTES("/ops/routes"),
        CHANNELS("/ops/channels"),
        QUARANTINE("/ops/quarantine"),
        DELIVERIES("/ops/deliveries"),
        LINEAGE("/ops/lineage"),
        INTEGRITY("/ops/integrity"),
        AUDIT("/ops/audit");

        final String path;

        Section(String path) {
            this.path = path;
        }
    }

    /** A link of the navigation: its message key's last part and its path. */
    record Item(String key, String path) {
    }

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile List<Item> items;

    ConsoleNav(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** The sections that have a page, read from the controllers' mappings once they are all known. */
    List<Item> items() {
        List<Item> known = items;
        if (known == null) {
            Set<String> paths = mappings.getObject().getHandlerMethods().keySet().stream()
                    .map(RequestMappingInfo::getPatternValues).flatMap(Set::stream).collect(Collectors.toSet());
            known = Arrays.stream(Section.values()).filter(s -> paths.contains(s.path))
                    .map(s -> new Item(s.name().toLowerCase(Locale.ROOT), s.path)).toList();
            items = known;
        }
        return known;
    }
}
