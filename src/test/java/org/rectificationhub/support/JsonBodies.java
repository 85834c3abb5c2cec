package org.rectificationhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;

/** An HTTP answer's JSON as the hub's own trees (the HTTP client reads it as text; the web's Jackson is another). */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonNode read(String body) {
        try {
            return CanonicalJson.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
