package org.rectificationhub.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.InputRejectedException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A department's own JSON shape, turned into canonical JSON by a JSLT file: &lt;data dir&gt;/mappings/&lt;id&gt;.jslt,
 * else schemas/mappings/&lt;id&gt;.jslt on the classpath. Onboarding a department's shape needs a file, not Java.
 * The mapping applies only to payloads that are not canonical already (no schemaVersion or kind).
 */
@Component
class DepartmentMappings {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Path overrides;
    private final Map<String, Optional<Expression>> byDepartment = new ConcurrentHashMap<>();

    DepartmentMappings(HubProperties properties) {
        this.overrides = properties.dataDir().toAbsolutePath().normalize().resolve("mappings");
    }

    /** The payload in canonical form: mapped when the department has a mapping and the payload needs one. */
    byte[] toCanonical(String department, byte[] payload) {
        Optional<Expression> mapping = mapping(department);
        if (mapping.isEmpty()) {
            return payload;
        }
        JsonNode root;
        try {
            root = CanonicalJson.mapper().readTree(payload);
        } catch (IOException e) {
            return payload; // not JSON: the cutter says so, with the position
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return payload;
        }
        JsonNode mapped;
        if (root.isArray()) {
            ArrayNode out = CanonicalJson.mapper().createArrayNode();
            root.forEach(element -> out.add(map(mapping.get(), element, department)));
            mapped = out;
        } else {
            mapped = map(mapping.get(), root, department);
        }
        return CanonicalJson.write(mapped).getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode map(Expression mapping, JsonNode document, String department) {
        if (document.has("schemaVersion") || document.has("kind")) {
            return document;
        }
        try {
            return mapping.apply(document);
        } catch (JsltException e) {
            throw new InputRejectedException("the mapping for " + department + " failed: " + e.getMessage());
        }
    }

    Optional<Expression> mapping(String department) {
        if (department == null || !ID.matcher(department).matches()) {
            return Optional.empty();
        }
        return byDepartment.computeIfAbsent(department, this::load);
    }

    private Optional<Expression> load(String department) {
        Path file = overrides.resolve(department + ".jslt");
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(Parser.compileString(Files.readString(file, StandardCharsets.UTF_8)));
            }
            return classpath("schemas/mappings/" + department + ".jslt").map(Parser::compileString);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mapping for " + department, e);
        }
    }

    static Optional<String> classpath(String path) throws IOException {
        try (InputStream in = DepartmentMappings.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
