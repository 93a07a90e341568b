package ru.mcu.core.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The guard against archive bombs, before Tika opens a ZIP-based file (a ZIP, DOCX, XLSX, ODT…): it is
 * unpacked entry by entry as its central directory lists them (as Tika and POI read it, so overlapping
 * entries and entries with data descriptors count too), archives inside it as well, counting what
 * comes out, and stops as soon as that passes the limit. Tika's own guard measures output against the
 * input read so far, which says nothing once an archive is opened as a whole file; and its text limit
 * alone would keep a bomb's first million letters as if they were a document.
 */
final class Archives {
    /** Unpacked, a file may be this many times its size… */
    static final long RATIO = 100;
    /** …or this much, whichever is more (a small archive of a few documents is no bomb). */
    static final long FLOOR = 100L * 1024 * 1024;
    private static final int MAX_DEPTH = 5;
    /** The largest archive inside another that is held in memory to be opened in turn. */
    private static final int MAX_INNER = 64 * 1024 * 1024;

    private Archives() {
    }

    /** Whether the file is a ZIP-based one that unpacks to more than {@code limit} bytes; an archive that cannot be opened is the parser's to report. */
    static boolean unpacksBeyond(byte[] content, long limit) {
        if (!zip(content)) {
            return false;
        }
        try {
            return beyond(content, limit, new long[1], 0);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean zip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    private static boolean beyond(byte[] archive, long limit, long[] total, int depth) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (!zip.canReadEntryData(entry)) {
                    continue;
                }
                // An archive inside is kept (counted as it comes out) to be opened in turn; anything else is only counted.
                ByteArrayOutputStream inner = null;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    boolean first = true;
                    while ((n = in.read(buffer)) > 0) {
                        if (first && depth < MAX_DEPTH && n >= 4 && buffer[0] == 'P' && buffer[1] == 'K' && buffer[2] == 3 && buffer[3] == 4) {
                            inner = new ByteArrayOutputStream();
                        }
                        first = false;
                        total[0] += n;
                        if (total[0] > limit) {
                            return true;
                        }
                        if (inner != null) {
                            inner.write(buffer, 0, n);
                            if (inner.size() > MAX_INNER) {
                                inner = null; // too large to hold: counted, not opened
                            }
                        }
                    }
                }
                if (inner != null && beyond(inner.toByteArray(), limit, total, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
