package org.rectificationhub.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.parse.TextDecoding;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts canonical JSON input (one document, or an array of them) into candidate documents, each array element with
 * its own bytes, so a rejected element is quarantined as the sender wrote it without the whole input. Pure.
 */
final class DocumentCutter {

    private final int maxDocuments;

    DocumentCutter(int maxDocuments) {
        this.maxDocuments = maxDocuments;
    }

    List<Candidate> cut(byte[] input) {
        if (input == null || input.length == 0) {
            return List.of(Candidate.unreadable("the input is empty; expected a canonical JSON document or an array of them"));
        }
        String text;
        try {
            text = TextDecoding.utf8(input);
        } catch (CharacterCodingException e) {
            return List.of(Candidate.unreadable("the input is not valid UTF-8; canonical JSON must be UTF-8"));
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
            return List.of(Candidate.of(1, root));
        }
        if (!root.isArray()) {
            return List.of(Candidate.unreadable("expected a JSON object or an array of objects, found "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (root.isEmpty()) {
            return List.of(Candidate.unreadable("the array holds no documents"));
        }
        if (root.size() > maxDocuments) {
            return List.of(Candidate.unreadable("the array holds " + root.size() + " documents; the limit is "
                    + maxDocuments + " per input"));
        }
        List<byte[]> slices = root.size() > 1 ? slices(input, root.size()) : null;
        List<Candidate> candidates = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            byte[] own = slices == null ? null : slices.get(i);
            candidates.add(element.isObject()
                    ? new Candidate(i + 1, element, own, null)
                    : new Candidate(i + 1, null, own, "document " + (i + 1) + " of the array is not a JSON object"));
        }
        return candidates;
    }

    /** Each top-level element's bytes as sent; null when the offsets cannot be had (the input is then the reference). */
    private static List<byte[]> slices(byte[] input, int count) {
        List<byte[]> slices = new ArrayList<>(count);
        try (JsonParser parser = CanonicalJson.mapper().getFactory().createParser(input)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                long end = parser.currentLocation().getByteOffset();
                if (start < 0 || end < start || end > input.length) {
                    return null;
                }
                slices.add(Arrays.copyOfRange(input, (int) start, (int) end));
            }
        } catch (IOException e) {
            return null;
        }
        return slices.size() == count ? slices : null;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
