package org.rectificationhub.parse;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Walks an .xlsx/.docx zip before POI opens it, inflating into nothing: refuses bombs (total size, inflate
 * ratio, entry count), traversal names and XML with a DOCTYPE (XXE, billion laughs) with a reason the sender can
 * read. POI's own ZipSecureFile checks stay on behind it.
 */
final class ZipInspector {

    private static final int MAX_ENTRIES = 1000;
    /** POI's default minimum inflate ratio: more than 100x expansion is a bomb, not a spreadsheet. */
    private static final double MIN_RATIO = 0.01;
    private static final long RATIO_GRACE = 1024 * 1024;
    private static final String DOCTYPE = "<!DOCTYPE";
    private static final String ENTITY = "<!ENTITY";

    private ZipInspector() {
    }

    static Set<String> inspect(byte[] zip, String fileName, long maxUnzipped) {
        Set<String> names = new LinkedHashSet<>();
        long total = 0;
        byte[] buffer = new byte[16 * 1024];
        // The central directory, not the local headers: a truncated archive has none and is refused here.
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            Enumeration<ZipArchiveEntry> entries = file.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName();
                if (names.size() >= MAX_ENTRIES) {
                    throw refuse(fileName, "more than " + MAX_ENTRIES + " zip entries");
                }
                if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
                    throw refuse(fileName, "zip entry '" + name + "' has an unsafe path");
                }
                names.add(name);
                long compressed = Math.max(1, entry.getCompressedSize());
                long size = 0;
                String carry = "";
                try (InputStream in = file.getInputStream(entry)) {
                    int n;
                    while (in != null && (n = in.read(buffer)) > 0) {
                        size += n;
                        total += n;
                        if (total > maxUnzipped) {
                            throw refuse(fileName, "it unpacks to more than " + maxUnzipped / (1024 * 1024) + " MB (zip bomb)");
                        }
                        if (size > RATIO_GRACE && (double) compressed / size < MIN_RATIO) {
                            throw refuse(fileName, "entry '" + name + "' expands more than " + (int) (1 / MIN_RATIO)
                                    + " times (zip bomb)");
                        }
                        if (name.endsWith(".xml") || name.endsWith(".rels")) {
                            // ISO-8859-1 maps byte for byte: an ASCII search over raw bytes, carried across reads.
                            String window = carry + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                            if (window.contains(DOCTYPE) || window.contains(ENTITY)) {
                                throw refuse(fileName, "entry '" + name + "' declares a DOCTYPE or entities, which"
                                        + " Office files never do (XXE / entity expansion attack)");
                            }
                            carry = window.substring(Math.max(0, window.length() - 16));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableInputException) {
                throw (UnreadableInputException) e;
            }
            throw refuse(fileName, "the zip archive is damaged or truncated; expected a complete .xlsx or .docx file");
        }
        if (names.isEmpty()) {
            throw refuse(fileName, "the zip archive is empty or damaged");
        }
        return names;
    }

    private static UnreadableInputException refuse(String fileName, String why) {
        return new UnreadableInputException(fileName + ": " + why);
    }
}
