package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe serves an event as the Lambda runtime serves a stream handler, and refuses any other kind. */
class ColdStartProbeTest {
    @TempDir
    Path dir;

    /** Answers with the event it is sent. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write(input.readAllBytes());
        }
    }

    public static final class Pojo implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    String probe(String handler, String event) throws Exception {
        Path file = Files.writeString(dir.resolve("event.json"), event);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ColdStartProbe.main(new String[]{"TestFunction", handler, file.toString()});
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} → status {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"statusCode\": 201, \"headers\": {\"statusCode\": \"500\"}, \"body\": \"{}\"} | 201",
            "{\"headers\": {\"a\": [1]}, \"body\": \"x\", \"statusCode\": 303}             | 303",
            "{\"sent\": 1, \"retried\": 0, \"dropped\": 0}                                 | 0",
            "''                                                                           | 0",
    })
    void theStatusIsTheStatusCodeOfTheAnswer(String answer, int status) throws Exception {
        String line = probe(Echo.class.getName(), answer);

        assertThat(line).startsWith("{\"probe\":\"TestFunction\",\"status\":" + status + ",");
    }

    @Test
    void aHandlerThatIsNoStreamHandlerIsRefused() {
        assertThatThrownBy(() -> probe(Pojo.class.getName(), "\"x\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Pojo.class.getName() + " is not a RequestStreamHandler");
    }
}
