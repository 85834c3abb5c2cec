package org.rectificationhub.publish;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;

/**
 * A zip written again with every entry stamped at one fixed moment. POI stamps each entry of a .docx with the
 * time it was saved, so the same round would give a different notice.docx at each regeneration, and the site
 * would change while the ledger did not.
 */
final class StableZip {

    /**
     * Zip entries hold a local date and time (MS-DOS fields), which the zip library derives from an instant in the
     * JVM's zone: the instant is taken in that zone so that the fields, and so the bytes, are the same anywhere.
     */
    private static final LocalDateTime STAMP = LocalDateTime.of(2000, 1, 1, 0, 0);

    private StableZip() {
    }

    static byte[] of(byte[] zip) throws IOException {
        long stamp = STAMP.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get();
             ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length);
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            for (ZipArchiveEntry entry : Collections.list(in.getEntriesInPhysicalOrder())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                copy.setMethod(ZipArchiveEntry.DEFLATED);
                copy.setTime(stamp);
                out.putArchiveEntry(copy);
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeArchiveEntry();
            }
            out.finish();
            return bytes.toByteArray();
        }
    }
}
