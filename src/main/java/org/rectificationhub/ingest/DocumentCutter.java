package org.rectificationhub.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;

import org.rectificationhub.parse.TextDecoding;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts canonical JSON input (one document, or an array of them) into candidate documents. Pure. Shared by the
 * channels: the file route through IngestSteps, the Kafka batch directly.
 */
public final class DocumentCutter {

    private final int maxDocuments;
    private final long maxBytes;

    public DocumentCutter(int maxDocuments, long maxBytes) {
        this.maxDocuments = maxDocuments;
        this.maxBytes = maxBytes;
    }

    public List<Candidate> cut(byte[] input) {
        if (input == null || input.length == 0) {
            return List.of(Candidate.unreadable("the input is empty; expected a canonical JSON document or an array of them"));
        }
        if (input.length > maxBytes) {
            return List.of(Candidate.unreadable("the input is larger than the limit of " + maxBytes + " bytes"));
        }
        String text;
        try {
            text = TextDecoding.utf8(input);
        } catch (CharacterCodingException e) {
            return List.of(Candidate.unreadable("the input is not valid UTF-8 (" + e.getMessage()
                    + "); canonical JSON must be UTF-8"));
        }
        if (text.indexOf('\0') >= 0) {
            return List.of(Candidate.unreadable("the input contains a NUL character at offset " + text.indexOf('\0')));
        }
        JsonNode root;
        try {
            root = CanonicalJson.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of(Candidate.unreadable("not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(Candidate.unreadable("the input holds no JSON value"));
        }
        if (root.isObject()) {
            return List.of(Candidate.of(1, text));
        }
        if (!root.isArray()) {
            return List.of(Candidate.unreadable("expected a JSON object or an array of objects, found "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (root.isEmpty()) {
            return List.of(Candidate.unreadable("the array holds no documents"));
        }
        if (root.size() > maxDocuments) {
            return List.of(Candidate.unreadable("the array holds " + root.size() + " documents; the limit is "
                    + maxDocuments + " per input"));
        }
        List<Candidate> candidates = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            candidates.add(element.isObject()
                    ? Candidate.of(i + 1, CanonicalJson.write(element))
                    : new Candidate(i + 1, null, "document " + (i + 1) + " of the array is not a JSON object"));
        }
        return candidates;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
