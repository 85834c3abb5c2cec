package org.rectificationhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Unwraps CloudEvents 1.0: binary mode (ce_* headers, the payload is the data) and structured mode (a JSON object
 * with specversion and data). Anything else is returned as it came, the same array. Pure.
 */
final class CloudEvents {

    static final String SPEC_VERSION_HEADER = "ce_specversion";

    private CloudEvents() {
    }

    /** The event's data, or the value itself when it is no CloudEvent. */
    static byte[] data(byte[] value, Map<String, String> headers) {
        if (headers.containsKey(SPEC_VERSION_HEADER)) {
            requireVersion(headers.get(SPEC_VERSION_HEADER), "header " + SPEC_VERSION_HEADER);
            return value;
        }
        JsonNode event = structured(value);
        if (event == null) {
            return value;
        }
        requireVersion(event.path("specversion").asText(""), "specversion");
        if (event.hasNonNull("data_base64")) {
            try {
                return Base64.getDecoder().decode(event.get("data_base64").asText());
            } catch (IllegalArgumentException e) {
                throw new InputRejectedException("data_base64: the CloudEvent's data is not valid base64");
            }
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            throw new InputRejectedException("data: the CloudEvent " + Reasons.quote(event.path("id").asText(""))
                    + " carries no data; expected the canonical document in data");
        }
        return data.isTextual() ? data.asText().getBytes(StandardCharsets.UTF_8)
                : CanonicalJson.write(data).getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object with a specversion member, or null; cheap to refuse for anything that is not. */
    private static JsonNode structured(byte[] value) {
        // ISO-8859-1 maps byte for byte: a cheap ASCII search before any JSON parsing.
        if (value == null || value.length == 0
                || !new String(value, StandardCharsets.ISO_8859_1).contains("\"specversion\"")) {
            return null;
        }
        try {
            JsonNode node = CanonicalJson.mapper().readTree(value);
            return node != null && node.isObject() && node.has("specversion") ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void requireVersion(String version, String where) {
        if (!"1.0".equals(version)) {
            throw new InputRejectedException(where + ": CloudEvents " + Reasons.quote(version)
                    + " is not supported; expected 1.0");
        }
    }
}
