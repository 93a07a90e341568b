package ru.mcu.core.attachment;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipInputStream;

/**
 * The guard against archive bombs, before Tika opens a ZIP-based file (a ZIP, DOCX, XLSX, ODT…): it is
 * unpacked, archives inside it too, counting what comes out, and stops as soon as that passes the limit.
 * Tika's own guard measures output against the input read so far, which says nothing once an archive is
 * opened as a whole file; and its text limit cuts the text without saying the file was a bomb.
 */
final class Archives {
    /** Unpacked, a file may be this many times its size… */
    static final long RATIO = 100;
    /** …or this much, whichever is more (a small archive of a few documents is no bomb). */
    static final long FLOOR = 100L * 1024 * 1024;
    private static final int MAX_DEPTH = 5;

    private Archives() {
    }

    /** Whether the file is a ZIP-based one that unpacks to more than {@code limit} bytes; a broken archive is the parser's to report. */
    static boolean unpacksBeyond(byte[] content, long limit) {
        if (!zip(content)) {
            return false;
        }
        try {
            return beyond(new ByteArrayInputStream(content), limit, new long[1], 0);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean zip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    private static boolean beyond(InputStream in, long limit, long[] total, int depth) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        byte[] buffer = new byte[64 * 1024];
        while (zip.getNextEntry() != null) {
            BufferedInputStream entry = new BufferedInputStream(new Unclosed(zip), buffer.length);
            entry.mark(4);
            byte[] head = entry.readNBytes(4);
            entry.reset();
            if (depth < MAX_DEPTH && zip(head)) {
                if (beyond(entry, limit, total, depth + 1)) {
                    return true;
                }
                continue;
            }
            int n;
            while ((n = entry.read(buffer)) > 0) {
                total[0] += n;
                if (total[0] > limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An entry's stream that reading an archive inside it does not close. */
    private static final class Unclosed extends FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
