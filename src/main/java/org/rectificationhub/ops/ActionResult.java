package org.rectificationhub.ops;

import org.springframework.http.ResponseEntity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What came of an operator's action, for the API and the console alike: done (with what came of it), or why not,
 * in words for the operator.
 *
 * @param details what a script or page shows beside the message (ids, states); empty when refused
 */
public record ActionResult(Status status, String message, Map<String, Object> details) {

    public enum Status {
        DONE(200),
        /** The request was wrong (a required comment missing): 400. */
        INVALID(400),
        NOT_FOUND(404),
        /** The state does not allow it (a discarded document replayed): 409. */
        CONFLICT(409),
        /** Right in form and state, but cannot be carried out on what is stored: 422. */
        UNPROCESSABLE(422),
        /** The hub failed (a defect, a route that would not start): 500. */
        FAILED(500),
        /** The hub cannot do it now (its database is down, the ledger halted): try again later: 503. */
        UNAVAILABLE(503);

        private final int http;

        Status(int http) {
            this.http = http;
        }

        public int http() {
            return http;
        }
    }

    public ActionResult {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ActionResult done(String message, Map<String, Object> details) {
        return new ActionResult(Status.DONE, message, details);
    }

    public static ActionResult not(Status status, String why) {
        return new ActionResult(status, why, Map.of());
    }

    public boolean isDone() {
        return status == Status.DONE;
    }

    /** The API's answer: the details and the message when done, else {"error": why}. */
    public ResponseEntity<Map<String, Object>> toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (isDone()) {
            body.putAll(details);
            body.put("message", message);
        } else {
            body.put("error", message);
        }
        return ResponseEntity.status(status.http).body(body);
    }
}
