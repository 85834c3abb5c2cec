package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A department's own JSON shape, turned into canonical JSON by a JSLT file: &lt;data dir&gt;/mappings/&lt;id&gt;.jslt,
 * else schemas/mappings/&lt;id&gt;.jslt on the classpath. Onboarding a department's shape needs a file, not Java.
 * A file replaced while the hub runs is read again; one that does not compile is the hub's fault, not the
 * sender's: that department's inputs that need it are parked (kept for an operator's replay once mended), the
 * others flow, and health names it.
 */
@Component
class DepartmentMappings {

    private static final Logger log = LoggerFactory.getLogger(DepartmentMappings.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Path overrides;
    private final Departments departments;
    private final Map<String, Loaded> byDepartment = new ConcurrentHashMap<>();

    DepartmentMappings(HubProperties properties, Departments departments) {
        this.overrides = properties.dataDir().toAbsolutePath().normalize().resolve("mappings");
        this.departments = departments;
    }

    /** The payload in canonical form: mapped when the department has a mapping and the payload needs one. */
    byte[] toCanonical(String department, byte[] payload) {
        if (!needsMapping(payload)) {
            return payload;
        }
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

    /** Broken mappings of configured departments, by department: what health reports. */
    Map<String, String> broken() {
        Map<String, String> broken = new TreeMap<>();
        for (Department department : departments.all()) {
            Loaded loaded = load(department.id());
            if (loaded.problem() != null) {
                broken.put(department.id(), loaded.location() + ": " + loaded.problem());
            }
        }
        return broken;
    }

    static JsonNode map(Expression mapping, JsonNode document, String department) {
        if (document.has("schemaVersion") || document.has("kind")) {
            return document;
        }
        try {
            return mapping.apply(document);
        } catch (JsltException e) {
            log.info("The mapping for {} failed on a document: {}", department, e.getMessage());
            throw new InputRejectedException("the mapping for " + department + " could not map this document: it"
                    + " lacks or misshapes a field the mapping reads; expected the department's agreed JSON shape");
        }
    }

    Optional<Expression> mapping(String department) {
        if (department == null || !ID.matcher(department).matches()) {
            return Optional.empty();
        }
        Loaded loaded = load(department);
        if (loaded.problem() != null) {
            throw new MappingUnavailableException(department, loaded.location());
        }
        return Optional.ofNullable(loaded.expression());
    }

    /** Cheap check before any mapping: a payload that already names its kind is canonical. */
    private static boolean needsMapping(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 4096), StandardCharsets.ISO_8859_1);
        return !(head.contains("\"schemaVersion\"") && head.contains("\"kind\""));
    }

    private Loaded load(String department) {
        Path file = overrides.resolve(department + ".jslt");
        String stamp = stamp(file);
        Loaded cached = byDepartment.get(department);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached;
        }
        Loaded fresh = compile(department, file, stamp);
        byDepartment.put(department, fresh);
        return fresh;
    }

    private Loaded compile(String department, Path file, String stamp) {
        String location = stamp.isEmpty() ? "schemas/mappings/" + department + ".jslt" : "mappings/" + department + ".jslt";
        try {
            Optional<String> text = stamp.isEmpty() ? classpath("schemas/mappings/" + department + ".jslt")
                    : Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            return new Loaded(stamp, location, text.map(Parser::compileString).orElse(null), null);
        } catch (JsltException | IOException e) {
            log.error("The mapping {} for department {} cannot be used: {}", location, department, e.getMessage());
            return new Loaded(stamp, location, null, "does not compile (" + e.getMessage() + ")");
        }
    }

    /** The override file's identity (size and time), or empty when there is none and the classpath serves. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() + "@" + attributes.lastModifiedTime().toMillis() : "";
        } catch (IOException e) {
            return "";
        }
    }

    static Optional<String> classpath(String path) throws IOException {
        try (InputStream in = DepartmentMappings.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Loaded(String stamp, String location, Expression expression, String problem) {
    }
}
