package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.handlers.DispatchHandler;
import io.leadtriage.handlers.EventsHandler;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.handlers.SesEventHandler;
import io.leadtriage.handlers.SurveyHandler;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What each step of a lead's life costs on AWS's meters, measured with the real handlers against
 * DynamoDB Local and the SES emulator: the DynamoDB calls and the request units DynamoDB reports for them
 * (tables and indexes, see {@link DynamoDbMeter}), the emails handed to SES, and the warm handler time
 * on this machine (loopback, so without AWS's network time). These are the inputs of {@link CostModel}.
 *
 * <p>Each operation runs on a lead prepared for it (prepared outside the measurement), so it does the
 * work a real one does: a new lead is new, a step 2 continues a step 1, the dispatcher finds exactly one
 * email due, an SES event names a message that was sent.
 */
final class UnitCosts {
    /** Rounds run before measuring, so the JIT, the SDK's connection pool and DynamoDB Local are warm. */
    static final int WARM_UP_ROUNDS = 15;
    static final int MEASURED_ROUNDS = 25;

    enum Operation {
        NEW_LEAD("new lead (step 1)", "FormFunction"),
        NEW_LEAD_EVENTS("new lead's events published", "DispatchFunction"),
        STEP_2("step 2 (lead turns hot)", "FormFunction"),
        REPEATED_SUBMISSION("repeated step 1 (same submissionId)", "FormFunction"),
        SURVEY_ANSWER("survey answer", "SurveyFunction"),
        PAGE_EVENT("page event (snippet)", "EventsFunction"),
        EMAIL_DISPATCHED("dispatcher tick sending 1 email", "DispatchFunction"),
        SES_DELIVERY("SES delivery event", "SesEventFunction"),
        SES_CLICK("SES click event", "SesEventFunction"),
        DISPATCHER_IDLE("dispatcher tick, nothing due", "DispatchFunction");

        final String label;
        final String function;

        Operation(String label, String function) {
            this.label = label;
            this.function = function;
        }
    }

    /**
     * One operation's figures: units and sends are means over the measured rounds (they vary only with
     * item sizes), warm time is the median.
     */
    record Cost(Operation operation, DynamoDbMeter.Use dynamo, double readUnits, double writeUnits,
                double indexWriteUnits, double zeroUnitReads, double sesSends, double warmMillis, double logBytes) {
    }

    private final DynamoDbMeter meter = new DynamoDbMeter();
    /** What the functions print (log lines and EMF metric lines), which CloudWatch Logs ingests. */
    private final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    private final BenchEvents events;
    private final BenchLeads leads;
    private final FormHandler forms;
    private final SurveyHandler surveys;
    private final EventsHandler signals;
    private final SesEventHandler sesEvents;
    private final DispatchHandler dispatcher;
    private final Map<Operation, List<Sample>> samples = new EnumMap<>(Operation.class);

    private record Sample(DynamoDbMeter.Use use, int sesSends, double millis, int logBytes) {
    }

    /**
     * @param storedBytesPerLead what the table holds per lead once the rounds are done (items with
     *                           DynamoDB's 100-byte overhead each; index copies not counted), over the mix
     *                           of leads the rounds made: hot, halfway through the form, in nurture
     */
    record Result(List<Cost> costs, double storedBytesPerLead, int leads) {
    }

    private UnitCosts(BenchStack stack) {
        this.events = new BenchEvents(stack.root.resolve("events"));
        DynamoDbClient metered = stack.client(meter);
        this.leads = new BenchLeads(stack, metered, events);
        this.forms = new FormHandler(leads.services());
        this.surveys = new SurveyHandler(leads.services());
        this.signals = new EventsHandler(leads.services());
        this.sesEvents = new SesEventHandler(leads.services());
        this.dispatcher = new DispatchHandler(leads.services());
    }

    /** Runs the warm-up and measured rounds. */
    static Result measure(BenchStack stack) {
        UnitCosts run = new UnitCosts(stack);
        PrintStream printed = new PrintStream(run.printed, true, StandardCharsets.UTF_8);
        Log.redirectTo(printed);
        Metrics.redirectTo(printed);
        try {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                run.round(false);
            }
            for (int i = 0; i < MEASURED_ROUNDS; i++) {
                run.round(true);
            }
        } finally {
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            Log.redirectTo(nowhere);
            Metrics.redirectTo(nowhere);
        }
        return run.result(stack.client());
    }

    private void round(boolean record) {
        leads.drainOutbox();
        String email = BenchLeads.freshEmail("capacity");
        ObjectNode step1 = events.step1(email);
        String[] created = new String[2];
        measure(Operation.NEW_LEAD, record, () -> {
            var answer = BenchLeads.expect(201, forms.handleRequest(BenchEvents.httpEvent(step1), null));
            created[0] = answer.path("leadId").asText();
            created[1] = answer.path("token").asText();
            return 201;
        });
        // The dispatcher's share of a new lead: its lead events published (a tick's work, not a tick of its own).
        measure(Operation.NEW_LEAD_EVENTS, record, () -> leads.services().publishLeadEvents()
                .publishDue(100, java.time.Duration.ofSeconds(10)).published());
        measure(Operation.STEP_2, record, () -> status(201,
                forms.handleRequest(BenchEvents.httpEvent(events.step2(created[1])), null).getStatusCode()));
        measure(Operation.REPEATED_SUBMISSION, record, () -> status(201,
                forms.handleRequest(BenchEvents.httpEvent(step1), null).getStatusCode()));

        BenchLeads.Lead surveyed = leads.newLead();
        String surveyToken = leads.token(TokenPurpose.SURVEY, surveyed.id());
        measure(Operation.SURVEY_ANSWER, record, () -> status(200,
                surveys.handleRequest(BenchEvents.httpEvent(events.surveyAnswer(surveyToken)), null).getStatusCode()));
        measure(Operation.PAGE_EVENT, record, () -> status(202,
                signals.handleRequest(BenchEvents.httpEvent(events.pageEvent(surveyed.formToken())), null).getStatusCode()));

        // Exactly one email due: the welcome email of a lead that just joined a nurture sequence.
        leads.drainOutbox();
        BenchLeads.Lead welcomed = leads.nurturedLead();
        // Its lead events are a new lead's (above), not the email's.
        leads.services().publishLeadEvents().publishDue(100, java.time.Duration.ofSeconds(10));
        int sentBefore = leads.sent().count();
        measure(Operation.EMAIL_DISPATCHED, record, () -> invokeStream(dispatcher::handleRequest, events.scheduled()));
        if (leads.sent().count() - sentBefore != 1) {
            throw new IllegalStateException("the dispatcher sent " + (leads.sent().count() - sentBefore)
                    + " emails where exactly 1 was due");
        }
        String sendId = leads.sent().lastSendId();
        measure(Operation.SES_DELIVERY, record, () -> invokeStream(sesEvents::handleRequest,
                events.sesDelivery(welcomed.id(), sendId)));
        measure(Operation.SES_CLICK, record, () -> invokeStream(sesEvents::handleRequest,
                events.sesClick(welcomed.id(), sendId)));

        leads.drainOutbox();
        measure(Operation.DISPATCHER_IDLE, record, () -> invokeStream(dispatcher::handleRequest, events.scheduled()));
    }

    private void measure(Operation operation, boolean record, IntSupplier call) {
        int sentBefore = leads.sent().count();
        meter.reset();
        printed.reset();
        long start = System.nanoTime();
        call.getAsInt();
        double millis = (System.nanoTime() - start) / 1e6;
        if (record) {
            samples.computeIfAbsent(operation, o -> new ArrayList<>())
                    .add(new Sample(meter.use(), leads.sent().count() - sentBefore, millis, printed.size()));
        }
    }

    private Result result(DynamoDbClient unmetered) {
        long bytes = 0;
        int leadCount = 0;
        for (Map<String, AttributeValue> item : unmetered.scanPaginator(r -> r.tableName(leads.services().config()
                .leadsTable())).items()) {
            bytes += ItemSizes.size(item) + ItemSizes.STORAGE_OVERHEAD_BYTES;
            if ("PROFILE".equals(item.get("sk").s())) {
                leadCount++;
            }
        }
        return new Result(costs(), leadCount == 0 ? 0 : (double) bytes / leadCount, leadCount);
    }

    private List<Cost> costs() {
        List<Cost> costs = new ArrayList<>();
        samples.forEach((operation, list) -> {
            double[] millis = list.stream().mapToDouble(Sample::millis).sorted().toArray();
            costs.add(new Cost(operation, list.get(list.size() - 1).use(),
                    list.stream().mapToDouble(s -> s.use().readUnits()).average().orElse(0),
                    list.stream().mapToDouble(s -> s.use().writeUnits()).average().orElse(0),
                    list.stream().mapToDouble(s -> s.use().indexWriteUnits()).average().orElse(0),
                    list.stream().mapToDouble(s -> s.use().zeroUnitReads()).average().orElse(0),
                    list.stream().mapToDouble(Sample::sesSends).average().orElse(0),
                    Stats.quantile(millis, 0.5), list.stream().mapToDouble(Sample::logBytes).average().orElse(0)));
        });
        return costs;
    }

    private interface StreamHandler {
        void handle(InputStream in, OutputStream out, Context context) throws IOException;
    }

    private static int invokeStream(StreamHandler handler, ObjectNode event) {
        try {
            handler.handle(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
            return 200;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(int expected, int actual) {
        if (actual != expected) {
            throw new IllegalStateException("expected HTTP " + expected + ", got " + actual);
        }
        return actual;
    }

    /** The table docs/performance.md quotes: one line per operation. */
    static void print(Result result, PrintStream out) {
        List<Cost> costs = result.costs();
        out.printf("%-38s %-17s %7s %7s %9s %6s %8s %7s  %s%n", "operation", "function", "RRU", "WRU", "(of which", "SES",
                "warm ms", "log", "DynamoDB calls");
        out.printf("%-38s %-17s %7s %7s %9s %6s %8s %7s%n", "", "", "", "", "indexes)", "sends", "(here)", "bytes");
        for (Cost c : costs) {
            out.printf("%-38s %-17s %7.1f %7.1f %9.1f %6.2f %8.1f %7.0f  %s%n", c.operation().label, c.operation().function,
                    c.readUnits(), c.writeUnits(), c.indexWriteUnits(), c.sesSends(), c.warmMillis(), c.logBytes(),
                    c.dynamo().describeCalls());
        }
        out.println("writes of the last measured run of each operation (units as DynamoDB Local reports them; the updates"
                + " of a transaction are not in its units):");
        for (Cost c : costs) {
            out.printf("  %s:%n", c.operation().label);
            c.dynamo().writes().forEach(w -> out.printf("    %s%n", w));
        }
        out.printf("stored per lead: %.0f bytes (%d leads: hot, halfway through the form, in nurture; items + 100 B"
                + " overhead each, index copies not counted)%n", result.storedBytesPerLead(), result.leads());
    }
}
