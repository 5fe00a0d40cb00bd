package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.outbox.PublishLeadEvents;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The outbox dispatcher, run every minute by an EventBridge schedule: sends what is due (nurture steps,
 * reminders) and what failed earlier (alerts SES throttled), then publishes the lead events waiting, within the
 * invocation's time.
 */
public final class DispatchHandler implements RequestStreamHandler {
    static final int BATCH = 500;
    /** Left unused at the end of the invocation, so the last send is always recorded before the timeout. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final DispatchOutbox dispatcher;
    private final PublishLeadEvents events;

    /** Lambda's: the function's services, built once per container. */
    public DispatchHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public DispatchHandler(Services services) {
        this(services.dispatcher(), services.publishLeadEvents());
    }

    public DispatchHandler(DispatchOutbox dispatcher, PublishLeadEvents events) {
        this.dispatcher = dispatcher;
        this.events = events;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        Duration budget = context == null ? Duration.ofSeconds(50)
                : Duration.ofMillis(Math.max(1000, context.getRemainingTimeInMillis() - MARGIN.toMillis()));
        long started = System.nanoTime();
        DispatchOutbox.Report report = dispatcher.dispatchDue(BATCH, budget);
        Log.info("outbox dispatched", Map.of("sent", report.sent(), "retried", report.retried(),
                "dropped", report.dropped(), "skipped", report.skipped()));
        // Lead events after the emails, in what is left of the budget; what does not fit waits a minute.
        Duration left = budget.minusNanos(System.nanoTime() - started);
        PublishLeadEvents.Report published = events.publishDue(BATCH, left.isNegative() ? Duration.ZERO : left);
        Log.info("lead events published", Map.of("published", published.published(), "retried", published.retried(),
                "dropped", published.dropped()));
        output.write(("{\"sent\":" + report.sent() + ",\"retried\":" + report.retried() + ",\"dropped\":"
                + report.dropped() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
