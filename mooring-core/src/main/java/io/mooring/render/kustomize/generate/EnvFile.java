package io.mooring.render.kustomize.generate;

import io.mooring.resource.ManifestException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kustomize's env file format, line by line: a UTF-8 byte order mark is dropped from the first
 * line, leading white space is dropped, blank lines and lines starting with {@code #} are skipped,
 * and the rest is {@code KEY=value} split at the first {@code =}. Nothing else is interpreted: no
 * quotes removed, no {@code export}, trailing white space kept, keys not validated. A line without
 * {@code =} is a key with an empty value: kustomize v5.5.0 no longer reads the process environment
 * for it. A line whose key is empty ({@code =value}) is skipped, as kustomize treats an empty key
 * like a comment.
 */
final class EnvFile {
    /**
     * Go's line scanner, which kustomize uses, gives up at a line of this many bytes or more, and
     * kustomize ignores the scanner's error: that line and all after it are silently dropped.
     */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private EnvFile() {
    }

    /** @param source the file, for messages */
    static List<KvPair> parse(String source, byte[] content) {
        List<KvPair> pairs = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            int next = end < 0 ? content.length : end + 1;
            int stop = end < 0 ? content.length : end;
            if (stop - start >= MAX_LINE_BYTES) {
                break;
            }
            if (stop > start && content[stop - 1] == '\r') {
                stop--;
            }
            String line = decode(source, content, start, stop, lineNumber + 1);
            if (lineNumber == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            lineNumber++;
            start = next;
            line = trimLeadingSpace(line);
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals);
            if (key.isEmpty()) {
                continue;
            }
            String value = equals < 0 ? "" : line.substring(equals + 1);
            pairs.add(new KvPair(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        return pairs;
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String source, byte[] content, int from, int to, int lineNumber) {
        String line = Utf8.decodeOrNull(content, from, to);
        if (line == null) {
            throw new ManifestException(source, lineNumber, "line " + lineNumber + " has invalid utf8 bytes",
                    "an env file must be UTF-8 text; put binary content in a file source instead");
        }
        return line;
    }

    /** Drops leading white space as Go's unicode.IsSpace sees it (which is not Java's isWhitespace). */
    private static String trimLeadingSpace(String line) {
        int i = 0;
        while (i < line.length() && isGoSpace(line.codePointAt(i))) {
            i += Character.charCount(line.codePointAt(i));
        }
        return line.substring(i);
    }

    static boolean isGoSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }
}
