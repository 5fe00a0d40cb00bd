package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The daily tier review (EventBridge schedule): leads whose tier faded are requalified and moved. */
public final class ReviewTiersHandler implements RequestStreamHandler {
    static final int BATCH = 1000;
    private final ReviewTiers reviewTiers;

    /** Lambda's: the function's services, built once per container. */
    public ReviewTiersHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public ReviewTiersHandler(Services services) {
        this(services.reviewTiers());
    }

    public ReviewTiersHandler(ReviewTiers reviewTiers) {
        this.reviewTiers = reviewTiers;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int reviewed = reviewTiers.reviewDue(BATCH);
        Log.info("tiers reviewed", Map.of("leads", reviewed));
        output.write(("{\"reviewed\":" + reviewed + "}").getBytes(StandardCharsets.UTF_8));
    }
}
