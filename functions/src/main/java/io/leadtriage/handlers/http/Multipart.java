package io.leadtriage.handlers.http;

import io.leadtriage.app.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * multipart/form-data as browsers send a {@code FormData} (RFC 7578), for bodies already bounded to
 * a few KB. Text fields only: a file part is refused, since no form of ours takes uploads.
 */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename\\*?=");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private Multipart() {
    }

    static Map<String, String> parse(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw Refusal.invalidBody("The multipart body has no boundary.");
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();

        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw Refusal.invalidBody("The multipart body does not contain its boundary.");
        }
        while (true) {
            pos += delimiter.length;
            if (startsWith(body, pos, new byte[]{'-', '-'})) {
                return fields;
            }
            if (!startsWith(body, pos, CRLF)) {
                throw Refusal.invalidBody("The multipart body is malformed.");
            }
            pos += 2;
            int headersEnd = indexOf(body, HEADER_END, pos);
            if (headersEnd < 0) {
                throw Refusal.invalidBody("A multipart part has no end to its headers.");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int contentStart = headersEnd + HEADER_END.length;
            byte[] next = concat(CRLF, delimiter);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw Refusal.invalidBody("The multipart body ends before its closing boundary.");
            }
            String disposition = headers.lines()
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("content-disposition:"))
                    .findFirst()
                    .orElseThrow(() -> Refusal.invalidBody("A multipart part has no Content-Disposition."));
            if (FILENAME.matcher(disposition).find()) {
                throw new Refusal(Refusal.UNSUPPORTED_MEDIA_TYPE, "Files cannot be uploaded with this form.",
                        Map.of());
            }
            Matcher name = NAME.matcher(disposition);
            if (!name.find()) {
                throw Refusal.invalidBody("A multipart part has no field name.");
            }
            byte[] value = Arrays.copyOfRange(body, contentStart, contentEnd);
            FormBody.add(fields, name.group(1), FormBody.strictUtf8(value));
            pos = contentEnd + CRLF.length;
        }
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            if (startsWith(data, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
