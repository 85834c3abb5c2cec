package org.rectificationhub.department;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * A department the hub serves.
 *
 * @param id      kebab-case identity, used for its inbox folder, its Kafka topic and in every document it sends
 * @param name    its official name as ledgers write it in 责任单位 columns
 * @param aliases other names ledgers use for it
 * @param office  true for the rectification office, which registers rounds and may report on any problem
 * @param round   the round its inbox files belong to when a file does not name one (used by ledger parsers)
 */
public record Department(String id, String name, @DefaultValue List<String> aliases, boolean office, String round) {

    public Department {
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
    }

    /** True when a 责任单位 entry names this department, by id, official name or alias. */
    public boolean isNamedBy(String responsibleUnit) {
        String unit = responsibleUnit == null ? "" : responsibleUnit.strip();
        return unit.equals(id) || unit.equals(name) || aliases.contains(unit);
    }
}
