package io.leadtriage.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The runtime's own floor: a stream handler that reads nothing and answers {@code {}}. Run by the runtime interface
 * client from a task root holding this class alone (no lib/), it costs a start what the RIC, the JVM and the Runtime
 * API round trips cost, and nothing of ours. Its interface comes from the runtime's class path
 * (aws-lambda-java-core), as in Lambda's managed runtime.
 */
public final class HelloFloor implements RequestStreamHandler {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(EMPTY_OBJECT);
    }
}
