package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The outbox dispatcher, run every minute by an EventBridge schedule: sends what is due (nurture steps,
 * reminders) and what failed earlier (alerts SES throttled), within the invocation's time.
 */
public final class DispatchHandler implements RequestStreamHandler {
    static final int BATCH = 500;
    /** Left unused at the end of the invocation, so the last send is always recorded before the timeout. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final DispatchOutbox dispatcher;

    /** Lambda's: the function's services, built once per container. */
    public DispatchHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public DispatchHandler(Services services) {
        this(services.dispatcher());
    }

    public DispatchHandler(DispatchOutbox dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        Duration budget = context == null ? Duration.ofSeconds(50)
                : Duration.ofMillis(Math.max(1000, context.getRemainingTimeInMillis() - MARGIN.toMillis()));
        DispatchOutbox.Report report = dispatcher.dispatchDue(BATCH, budget);
        Log.info("outbox dispatched", Map.of("sent", report.sent(), "retried", report.retried(),
                "dropped", report.dropped(), "skipped", report.skipped()));
        output.write(("{\"sent\":" + report.sent() + ",\"retried\":" + report.retried() + ",\"dropped\":"
                + report.dropped() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
