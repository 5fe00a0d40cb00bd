package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.RecordSesEvent;
import io.leadtriage.app.sesevents.SesEvent;
import io.leadtriage.app.sesevents.SesEventParser;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * SES events from the configuration set's EventBridge destination: bounces and complaints suppress,
 * clicks rescore (and may alert sales at once), deliveries are noted for link-scanner detection.
 * A malformed event is logged and dropped rather than retried forever.
 */
public final class SesEventHandler implements RequestStreamHandler {
    private final RecordSesEvent recordSesEvent;

    /** Lambda's: the function's services, built once per container. */
    public SesEventHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public SesEventHandler(Services services) {
        this(services.recordSesEvent());
    }

    public SesEventHandler(RecordSesEvent recordSesEvent) {
        this.recordSesEvent = recordSesEvent;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }

    public Optional<LeadUpdates.Applied> handle(String eventJson) {
        SesEvent event;
        try {
            event = SesEventParser.parse(eventJson);
        } catch (IllegalArgumentException e) {
            Log.warn("SES event not understood; dropped", Map.of("problem", String.valueOf(e.getMessage())));
            return Optional.empty();
        }
        Optional<LeadUpdates.Applied> applied = recordSesEvent.record(event);
        applied.filter(a -> a.after() != null).ifPresent(a -> {
            Log.info("SES event recorded", Map.of("event", event.getClass().getSimpleName(), "leadId", a.after().id(),
                    "repeat", a.repeat(), "turnedHot", a.turnedHot()));
        });
        return applied;
    }
}
