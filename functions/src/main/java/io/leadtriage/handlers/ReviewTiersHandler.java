package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.app.Budget;
import io.leadtriage.app.RescoreLeads;
import io.leadtriage.app.CountStoredLeads;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The tier review (Scheduler, every 15 minutes): every lead whose tier faded is requalified and moved, page after
 * page, until none is due or the invocation is {@link #MARGIN_MILLIS} from its timeout; what is left is still due
 * and the next run takes it up. The time left goes on with a model change's rescoring of the stored leads.
 */
public final class ReviewTiersHandler implements RequestStreamHandler {
    /** Stops starting new leads this long before the function's timeout: a page in flight finishes well within it. */
    static final long MARGIN_MILLIS = 20_000;
    /** Without a context (a probe calling the handler directly): what the template's 300 s timeout leaves. */
    static final long WITHOUT_CONTEXT_MILLIS = 280_000;

    private final ReviewTiers reviewTiers;
    private final RescoreLeads rescoreLeads;
    private final CountStoredLeads countStoredLeads;
    private final LongSupplier nanoTicker;

    /** Lambda's: the function's services, built once per container. */
    public ReviewTiersHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public ReviewTiersHandler(Services services) {
        this(services.reviewTiers(), services.rescoreLeads(), services.countStoredLeads(), System::nanoTime);
    }

    /** @param nanoTicker monotonic time the budget is read from ({@code System::nanoTime}; tests move it by hand) */
    public ReviewTiersHandler(ReviewTiers reviewTiers, RescoreLeads rescoreLeads, CountStoredLeads countStoredLeads,
                              LongSupplier nanoTicker) {
        this.reviewTiers = reviewTiers;
        this.rescoreLeads = rescoreLeads;
        this.countStoredLeads = countStoredLeads;
        this.nanoTicker = nanoTicker;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Budget budget = Budget.forMillis(context == null ? WITHOUT_CONTEXT_MILLIS
                : context.getRemainingTimeInMillis() - MARGIN_MILLIS, nanoTicker);
        ReviewTiers.Pass pass = reviewTiers.reviewDue(budget);
        Log.info("tiers reviewed", Map.of("leads", pass.reviewed(), "pages", pass.pages(), "more", pass.more()));
        // What time is left goes on with a model change's rescoring, if one is under way.
        String rescoring = rescoreLeads.continueRescoring(budget).map(run -> {
            Log.info("leads rescored", Map.of("version", run.progress().version(), "leads", run.examined(),
                    "changed", run.changed(), "finished", run.progress().finished()));
            return "{\"version\":" + run.progress().version() + ",\"examined\":" + run.examined() + ",\"changed\":"
                    + run.changed() + ",\"finished\":" + run.progress().finished() + "}";
        }).orElse("null");
        // Then the counters' backfill, if one was started.
        String backfill = countStoredLeads.continueBackfill(budget).map(run -> {
            Log.info("leads counted", Map.of("leads", run.examined(), "counted", run.counted(),
                    "finished", run.progress().finished()));
            return "{\"examined\":" + run.examined() + ",\"counted\":" + run.counted() + ",\"finished\":"
                    + run.progress().finished() + "}";
        }).orElse("null");
        output.write(("{\"reviewed\":" + pass.reviewed() + ",\"pages\":" + pass.pages() + ",\"more\":" + pass.more()
                + ",\"rescoring\":" + rescoring + ",\"backfill\":" + backfill + "}").getBytes(StandardCharsets.UTF_8));
    }
}
