package io.leadtriage.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines a child process printed (a stand-in: the SES emulator, moto), read on a daemon thread so the
 * pipe never fills, and kept for the message that says why it failed to start.
 */
public final class OutputTail {
    private final Deque<String> lines = new ArrayDeque<>();
    private final int kept;
    private final Thread reader;

    private OutputTail(InputStream output, int kept, String threadName) {
        this.kept = kept;
        this.reader = new Thread(() -> keep(output), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** Follows the process's output (stdout, with stderr when redirected into it), keeping its last lines. */
    public static OutputTail follow(Process process, int kept, String threadName) {
        return new OutputTail(process.getInputStream(), kept, threadName);
    }

    private void keep(InputStream output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    if (lines.size() == kept) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            }
        } catch (IOException streamClosedOnStop) {
            // Nothing more to read.
        }
    }

    /** After the process has exited the reader may still be draining the pipe: waits for it a little. */
    public String textOnceEnded() {
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text();
    }

    public String text() {
        synchronized (lines) {
            return String.join(System.lineSeparator(), lines);
        }
    }
}
